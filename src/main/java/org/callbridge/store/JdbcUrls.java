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
}
