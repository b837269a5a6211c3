package io.jmill.engine.jmx;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;

/**
 * TLS for the remote JMX connector, configured as the JVM's own agent configures it: with the
 * {@code javax.net.ssl.keyStore}, {@code javax.net.ssl.keyStorePassword} (and, to check client
 * certificates, {@code javax.net.ssl.trustStore}, {@code javax.net.ssl.trustStorePassword}) system
 * properties, or with the same properties in a file ({@code com.sun.management.jmxremote.ssl.config.file}'s format).
 */
public final class JmxTls {
    private JmxTls() {
    }

    /** The JVM's default context: its key and trust stores come from the {@code javax.net.ssl.*} system properties. */
    public static SSLContext fromSystemProperties() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS from the javax.net.ssl.* system properties: " + e.getMessage(), e);
        }
    }

    /** A context from a properties file with {@code javax.net.ssl.keyStore}, {@code ...keyStorePassword}, optionally the trust store. */
    public static SSLContext fromFile(Path config) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            p.load(in);
        }
        String keyStore = p.getProperty("javax.net.ssl.keyStore");
        if (keyStore == null) {
            throw new IOException(config + ": javax.net.ssl.keyStore is missing: TLS needs the server's key");
        }
        try {
            char[] keyPassword = password(p, "javax.net.ssl.keyStorePassword");
            KeyStore ks = load(config, keyStore, p.getProperty("javax.net.ssl.keyStoreType"), keyPassword);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, keyPassword);
            TrustManagerFactory tmf = null;
            String trustStore = p.getProperty("javax.net.ssl.trustStore");
            if (trustStore != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(config, trustStore, p.getProperty("javax.net.ssl.trustStoreType"),
                        password(p, "javax.net.ssl.trustStorePassword")));
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(config + ": cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static char[] password(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? null : v.toCharArray();
    }

    private static KeyStore load(Path config, String file, String type, char[] password)
            throws IOException, GeneralSecurityException {
        Path path = config.resolveSibling(file);
        KeyStore ks = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, password);
        }
        return ks;
    }

    /** A TLS server socket on {@code port} at {@code bind} (null: every interface). */
    static ServerSocket serverSocket(SSLContext ctx, int port, InetAddress bind, boolean needClientAuth)
            throws IOException {
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(port, 0, bind);
        s.setNeedClientAuth(needClientAuth);
        return s;
    }
}
