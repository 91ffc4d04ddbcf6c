package org.callbridge.store;

import java.util.regex.Pattern;

/** Makes JDBC URLs safe to print: passwords in parameters or user info are masked. */
public final class JdbcUrls {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:password|pwd)\\s*=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@;?]*:)[^@/]*@");

    private JdbcUrls() {
    }

    /** The URL with every password replaced by {@code ***}. */
    public static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        String masked = PASSWORD_PARAM.matcher(jdbcUrl).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    /**
     * The file of an embedded H2 URL ({@code jdbc:h2:file:./work/state/callbridge;...} or {@code jdbc:h2:./x}), without
     * H2's suffix; null for any other URL (in memory, over TCP, PostgreSQL).
     */
    public static java.nio.file.Path h2File(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")) {
            return null;
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        String location = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        } else if (location.contains(":") && !location.matches("^[A-Za-z]:[\\\\/].*")) {
            return null; // mem:, tcp:, ssl:, zip:
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        try {
            return java.nio.file.Path.of(location);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
