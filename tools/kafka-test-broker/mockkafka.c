/*
 * A real Kafka-protocol broker for tests: librdkafka's mock cluster in a process of its own.
 *
 * Prints one line "bootstrap <host:port,...>" once listening, then reads commands on stdin,
 * one per line, answering each with "ok" or "error <reason>":
 *   topic <name> <partitions>        create a topic (the mock has no CreateTopics API)
 *   down <broker-id|-1>              refuse connections (a broker outage)
 *   up <broker-id|-1>                accept connections again
 *   errors <api-key> <error-code> <count>   fail the next <count> requests of that API
 *   rtt <broker-id|-1> <ms>          add round-trip latency
 * Exits when stdin closes, so it never outlives the process that started it.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void answer(rd_kafka_resp_err_t err) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
    printf("ok\n");
  else
    printf("error %s\n", rd_kafka_err2str(err));
  fflush(stdout);
}

static void run_command(rd_kafka_mock_cluster_t *cluster, const char *line) {
  char name[256];
  int a = 0, b = 0, c = 0;
  if (sscanf(line, "topic %255s %d", name, &a) == 2) {
    answer(rd_kafka_mock_topic_create(cluster, name, a, 1));
  } else if (sscanf(line, "down %d", &a) == 1) {
    answer(rd_kafka_mock_broker_set_down(cluster, a));
  } else if (sscanf(line, "up %d", &a) == 1) {
    answer(rd_kafka_mock_broker_set_up(cluster, a));
  } else if (sscanf(line, "errors %d %d %d", &a, &b, &c) == 3 && c > 0) {
    rd_kafka_resp_err_t *errs = calloc((size_t)c, sizeof(*errs));
    for (int i = 0; i < c; i++) errs[i] = (rd_kafka_resp_err_t)b;
    rd_kafka_mock_push_request_errors_array(cluster, (int16_t)a, (size_t)c, errs);
    free(errs);
    answer(RD_KAFKA_RESP_ERR_NO_ERROR);
  } else if (sscanf(line, "rtt %d %d", &a, &b) == 2) {
    answer(rd_kafka_mock_broker_set_rtt(cluster, a, b));
  } else {
    printf("error unknown command\n");
    fflush(stdout);
  }
}

int main(int argc, char **argv) {
  int brokers = argc > 1 ? atoi(argv[1]) : 1;
  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  /* The mock cluster needs a client handle for its bookkeeping; one without brokers will do. */
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
  if (!rk) {
    fprintf(stderr, "rd_kafka_new: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers < 1 ? 1 : brokers);
  if (!cluster) {
    fprintf(stderr, "could not create the mock cluster\n");
    return 1;
  }
  printf("bootstrap %s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);

  char line[1024];
  while (fgets(line, sizeof(line), stdin)) run_command(cluster, line);

  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
