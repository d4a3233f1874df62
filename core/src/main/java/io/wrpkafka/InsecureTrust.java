package io.wrpkafka;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;

/*
 * Kafka's client has no "trust every certificate" switch: ssl.endpoint.identification.algorithm=""
 * only stops the host name check. To honour TlsConfig.insecureSkipVerify (Go's
 * InsecureSkipVerify) the publisher names this trust manager algorithm in
 * ssl.trustmanager.algorithm; Kafka looks it up through JCA, so a small provider offering it is
 * added to the JVM once. The provider offers nothing else and changes no default, so other TLS
 * users in the JVM are unaffected. Service.newInstance is overridden, so JCA never needs
 * reflective access to these package-private classes.
 */
/** A JCA trust manager algorithm that accepts every certificate chain, for insecureSkipVerify. */
final class InsecureTrust {
  /** The value for Kafka's {@code ssl.trustmanager.algorithm}. */
  static final String ALGORITHM = "WrpkafkaInsecureSkipVerify";

  private static final String PROVIDER = "WrpkafkaInsecureTrust";

  private InsecureTrust() {}

  /** Adds the provider to the JVM unless it is there already. Thread-safe. */
  static synchronized void register() {
    if (Security.getProvider(PROVIDER) == null) {
      Security.addProvider(new TrustAllProvider());
    }
  }

  private static final class TrustAllProvider extends Provider {
    private static final long serialVersionUID = 1L;

    TrustAllProvider() {
      super(PROVIDER, "1.0", "Trust manager for wrpkafka's tls.insecureSkipVerify");
      putService(
          new Service(
              this, "TrustManagerFactory", ALGORITHM, TrustAllFactory.class.getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) {
              return new TrustAllFactory();
            }
          });
    }
  }

  private static final class TrustAllFactory extends TrustManagerFactorySpi {
    @Override
    protected void engineInit(KeyStore keyStore) {}

    @Override
    protected void engineInit(ManagerFactoryParameters parameters) {}

    @Override
    protected TrustManager[] engineGetTrustManagers() {
      return new TrustManager[] {new TrustAllManager()};
    }
  }

  private static final class TrustAllManager extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
