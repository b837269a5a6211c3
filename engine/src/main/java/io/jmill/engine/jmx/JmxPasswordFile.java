package io.jmill.engine.jmx;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authenticates remote JMX clients against a password file in the JVM's own format
 * ({@code jmxremote.password}): one {@code role password} pair per line, {@code #} comments.
 * As the JVM's agent does, the file must be readable by its owner only; otherwise starting fails,
 * since anyone who can read it can log in.
 *
 * <p>A client passes {@code String[]{role, password}} as {@link javax.management.remote.JMXConnector#CREDENTIALS};
 * an authenticated client's subject holds one {@link JMXPrincipal} named after the role, which
 * {@link JmxAccessFile} then maps to what the role may do.
 */
final class JmxPasswordFile implements JMXAuthenticator {
    private final Map<String, byte[]> passwords;

    private JmxPasswordFile(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    /** Reads {@code file}; an unreadable file, one readable by others or a malformed line is an IOException. */
    static JmxPasswordFile read(Path file) throws IOException {
        checkOwnerOnly(file);
        Map<String, byte[]> passwords = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length != 2) {
                throw new IOException(file + ":" + (i + 1) + ": expected 'role password'");
            }
            passwords.put(words[0], words[1].getBytes(StandardCharsets.UTF_8));
        }
        if (passwords.isEmpty()) {
            throw new IOException(file + ": no 'role password' line: nobody could log in");
        }
        return new JmxPasswordFile(passwords);
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return; // not a POSIX file system: nothing to check here
        }
        Set<PosixFilePermission> p = posix.readAttributes().permissions();
        if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                || p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(file + ": a JMX password file must be readable by its owner only (chmod 600 "
                    + file.getFileName() + ")");
        }
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (!(credentials instanceof String[] c) || c.length != 2 || c[0] == null || c[1] == null) {
            throw new SecurityException("JMX credentials must be String[]{role, password}");
        }
        byte[] expected = passwords.get(c[0]);
        byte[] given = c[1].getBytes(StandardCharsets.UTF_8);
        // Compared in constant time; an unknown role costs the same as a wrong password.
        boolean ok = MessageDigest.isEqual(expected == null ? new byte[given.length + 1] : expected, given)
                && expected != null;
        if (!ok) {
            throw new SecurityException("JMX authentication failed");
        }
        return new Subject(true, Set.of(new JMXPrincipal(c[0])), Set.of(), Set.of());
    }
}
