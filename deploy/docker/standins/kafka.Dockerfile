# Stand-in for apache/kafka where no registry is reachable: the Kafka 4.1 jars chainwatch already depends on, on the
# jlinked runtime, configured from the same environment as the official image (see kafka-entrypoint).
ARG RUNTIME_IMAGE=chainwatch/jre
FROM ${RUNTIME_IMAGE}
RUN useradd --create-home --home-dir /home/appuser appuser \
 && mkdir -p /opt/kafka/config /opt/kafka/bin /var/lib/kafka/data /etc/kafka/docker \
 && chown -R appuser:root /opt/kafka/config /var/lib/kafka && chmod -R ug+w /var/lib/kafka
COPY .docker-staging/kafka/libs /opt/kafka/libs
COPY deploy/docker/standins/kafka-entrypoint /usr/local/bin/kafka-entrypoint
COPY deploy/docker/standins/kafka-logback.xml /opt/kafka/config/logback.xml
# the official image's start script, which Testcontainers' KafkaContainer runs in place of the image's command
RUN ln -s /usr/local/bin/kafka-entrypoint /etc/kafka/docker/run
COPY deploy/docker/standins/kafka-broker-api-versions.sh /opt/kafka/bin/kafka-broker-api-versions.sh
USER appuser
EXPOSE 9092 9093
CMD ["/usr/local/bin/kafka-entrypoint"]
