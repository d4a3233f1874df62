package io.wrpkafka.spring;

import io.wrpkafka.PublishException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/*
 * The publisher's start checks the cluster (wrpkafka.verify-on-start). When that fails, the
 * startup failure report says why (the message names the brokers, the mechanism and user, or the
 * certificate problem; never a password) and which properties to look at for that error type.
 */
final class StartFailureAnalyzer extends AbstractFailureAnalyzer<PublishException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PublishException cause) {
    return new FailureAnalysis(
        "The wrpkafka publisher could not start (" + cause.errorType().label() + "): "
            + cause.getMessage(),
        action(cause),
        cause);
  }

  private static String action(PublishException cause) {
    return switch (cause.errorType()) {
      case AUTHENTICATION_ERROR -> "Check wrpkafka.sasl.* (mechanism, username, password) and"
          + " wrpkafka.tls.* (ca-file for the brokers' certificates, cert-file and key-file for"
          + " a client certificate) against what the brokers expect.";
      case AUTHORIZATION_ERROR -> "Grant the publisher's user the ACLs it needs on the cluster"
          + " and its topics (Describe on the cluster, Write on the topics).";
      case TIMEOUT -> "Check that wrpkafka.brokers lists reachable brokers and that"
          + " wrpkafka.start-timeout leaves them time to answer; with"
          + " wrpkafka.verify-on-start=false the application starts without waiting and records"
          + " wait in the buffer until a broker answers.";
      default -> "Check the wrpkafka.* properties against the message above.";
    };
  }
}
