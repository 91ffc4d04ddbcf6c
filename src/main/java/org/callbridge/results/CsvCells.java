package org.callbridge.results;

/**
 * Cell escaping against CSV formula injection (OWASP "CSV Injection"): a spreadsheet treats a cell that starts
 * with {@code = + - @}, tab or carriage return as a formula, so such a cell gets a leading single quote.
 * Quoting of delimiters, quotes and line breaks is the CSV printer's job, not this class's.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** The cell prefixed with {@code '} when it starts with a formula character; null stays null. Idempotent. */
    public static String escape(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return startsFormula(cell.charAt(0)) ? "'" + cell : cell;
    }

    /** True for the characters that make a spreadsheet evaluate a cell. */
    public static boolean startsFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
