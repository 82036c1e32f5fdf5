package dev.ddbstreams.localcloud.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What IAM reads from a PartiQL statement: its kind (the action {@code dynamodb:PartiQLSelect},
 * {@code PartiQLInsert}, {@code PartiQLUpdate} or {@code PartiQLDelete}) and the table, or
 * {@code "table"."index"}, it names
 * (<a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-iam.html">IAM security policies with PartiQL for DynamoDB</a>).
 * An {@code EXISTS(SELECT ...)} check in a transaction reads, as a SELECT does.
 *
 * @param index empty unless a SELECT names {@code "table"."index"}
 */
record PartiQlStatement(String action, String table, Optional<String> index) {

    /** Empty when the statement is none of the four kinds or names no table: DynamoDB rejects it. */
    static Optional<PartiQlStatement> parse(String statement) {
        List<Token> tokens = tokens(statement);
        int start = 0;
        if (tokens.size() > 2 && tokens.get(0).is("EXISTS") && tokens.get(1).text().equals("(")) {
            start = 2;
        }
        if (tokens.size() <= start) {
            return Optional.empty();
        }
        Token verb = tokens.get(start);
        String kind = verb.quoted() ? "" : verb.text().toUpperCase(Locale.ROOT);
        int table = switch (kind) {
            case "SELECT", "DELETE" -> after(tokens, start + 1, "FROM");
            case "INSERT" -> after(tokens, start + 1, "INTO");
            case "UPDATE" -> start + 1;
            default -> -1;
        };
        if (table < 0 || table >= tokens.size() || !tokens.get(table).isName()) {
            return Optional.empty();
        }
        Optional<String> index = kind.equals("SELECT") && table + 2 < tokens.size()
                && tokens.get(table + 1).text().equals(".") && !tokens.get(table + 1).quoted()
                && tokens.get(table + 2).isName() ? Optional.of(tokens.get(table + 2).text()) : Optional.empty();
        String action = "dynamodb:PartiQL" + kind.charAt(0) + kind.substring(1).toLowerCase(Locale.ROOT);
        return Optional.of(new PartiQlStatement(action, tokens.get(table).text(), index));
    }

    private static int after(List<Token> tokens, int from, String keyword) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).is(keyword)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Words, double-quoted names and single characters; string literals ('...') left out. */
    private static List<Token> tokens(String statement) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < statement.length()) {
                    if (statement.charAt(j) == c) {
                        if (j + 1 < statement.length() && statement.charAt(j + 1) == c) {
                            text.append(c); // a doubled quote stands for one
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    text.append(statement.charAt(j++));
                }
                if (c == '"') {
                    tokens.add(new Token(text.toString(), true));
                }
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < statement.length() && (Character.isLetterOrDigit(statement.charAt(j))
                        || statement.charAt(j) == '_' || statement.charAt(j) == '-')) {
                    j++;
                }
                tokens.add(new Token(statement.substring(i, j), false));
                i = j;
            } else {
                tokens.add(new Token(String.valueOf(c), false));
                i++;
            }
        }
        return tokens;
    }

    private record Token(String text, boolean quoted) {

        boolean is(String keyword) {
            return !quoted && text.equalsIgnoreCase(keyword);
        }

        boolean isName() {
            return quoted || (!text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_'));
        }
    }
}
