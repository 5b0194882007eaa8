# A Java runtime on a base without one: the runtime deploy/docker/build-images made with jlink from the build's JDK,
# at the path (and with the JAVA_HOME) of Temurin's images, so everything written for those runs on it unchanged.
ARG BASE_IMAGE=chainwatch/debian:bookworm
FROM ${BASE_IMAGE}
COPY .docker-staging/jre /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
