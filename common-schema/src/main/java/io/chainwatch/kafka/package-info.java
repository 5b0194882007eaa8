/** Kafka plumbing shared by the services: connection settings and topic provisioning. */
package io.chainwatch.kafka;
