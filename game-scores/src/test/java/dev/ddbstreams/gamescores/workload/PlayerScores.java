package dev.ddbstreams.gamescores.workload;

import java.math.BigDecimal;

/**
 * One player's line in GameScoresByUser, or what a recount says it should be. Numbers without
 * trailing zeros, so that 100.0 equals 100 as it does in DynamoDB.
 */
public record PlayerScores(BigDecimal total, BigDecimal games, BigDecimal best) {

    public PlayerScores {
        total = total.stripTrailingZeros();
        games = games.stripTrailingZeros();
        best = best.stripTrailingZeros();
    }

    PlayerScores plus(BigDecimal score) {
        return new PlayerScores(total.add(score), games.add(BigDecimal.ONE), best.max(score));
    }

    @Override
    public String toString() {
        return "total " + total.toPlainString() + ", " + games.toPlainString() + " games, best " + best.toPlainString();
    }
}
