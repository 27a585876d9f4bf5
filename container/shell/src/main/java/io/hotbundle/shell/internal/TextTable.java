package io.hotbundle.shell.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell (up to a cap, past which a cell is cut
 * with {@code ..}), so that the shell's output lines up and stays within a terminal's width. A row may carry
 * an indented detail line under it.
 */
final class TextTable {

    private final String[] headers;
    private final int[] caps;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    /**
     * @param columns each {@code "NAME"}, {@code "NAME:cap"} (at most cap characters) or with a leading
     *                {@code >} for a right-aligned (numeric) column, for example {@code ">GEN"}
     */
    TextTable(String... columns) {
        headers = new String[columns.length];
        caps = new int[columns.length];
        rightAligned = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            String column = columns[i];
            rightAligned[i] = column.startsWith(">");
            String[] parts = column.substring(rightAligned[i] ? 1 : 0).split(":");
            headers[i] = parts[0];
            caps[i] = parts.length > 1 ? Integer.parseInt(parts[1]) : Integer.MAX_VALUE;
        }
    }

    TextTable row(Object... cells) {
        return rowWithDetail(null, cells);
    }

    /** Adds a row, and under it an indented line (when {@code detail} is not null). */
    TextTable rowWithDetail(String detail, Object... cells) {
        String[] row = new String[headers.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = cut(i < cells.length && cells[i] != null ? cells[i].toString() : "", caps[i]);
        }
        rows.add(row);
        details.add(detail);
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        var out = new StringBuilder();
        line(out, headers, widths);
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (details.get(r) != null) {
                out.append("    ").append(details.get(r)).append('\n');
            }
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        var line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[i] - cells[i].length());
            line.append(rightAligned[i] ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cut(String text, int cap) {
        return text.length() <= cap ? text : text.substring(0, Math.max(0, cap - 2)) + "..".substring(0, Math.min(2, cap));
    }
}
