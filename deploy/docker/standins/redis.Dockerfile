# Stand-in for the official redis image where no registry is reachable: Debian's Redis 7, data in /data, reachable
# from other containers without a configuration file (redis-entrypoint), as the official image is.
ARG BASE_IMAGE=chainwatch/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown redis:redis /data
COPY deploy/docker/standins/redis-entrypoint /usr/local/bin/redis-entrypoint
WORKDIR /data
USER redis
EXPOSE 6379
ENTRYPOINT ["/usr/local/bin/redis-entrypoint"]
CMD ["redis-server"]
