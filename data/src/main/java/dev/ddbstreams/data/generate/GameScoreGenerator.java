package dev.ddbstreams.data.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Game scores: {@link #ROWS} records, RecordID {@code 1..ROWS}, over a few dozen players who play
 * (and score) very differently. Record 1 is the game-scores lab's test record: Jane Doe, 100, JaneD.
 */
final class GameScoreGenerator implements RowGenerator {

    static final int ROWS = 3_000;

    private static final long SEED = 100L;

    private record Player(String username, String nickname) {
    }

    private static final List<Player> PLAYERS = List.of(
            new Player("Jane Doe", "JaneD"), new Player("John Smith", "Smithy"),
            new Player("Akira Tanaka", "AkiT"), new Player("Priya Patel", "PriyaP"),
            new Player("Zoë Müller", "ZoeM"), new Player("José García", "JoseG"),
            new Player("Chen Wei", "WeiC"), new Player("Fatima Al-Sayed", "FatimaS"),
            new Player("Olivia Brown", "LivB"), new Player("Liam O'Connor", "LiamO"),
            new Player("Sofia Rossi", "SofiR"), new Player("Noah Johnson", "NoahJ"),
            new Player("Emma Wilson", "EmWil"), new Player("Lucas Martin", "LucM"),
            new Player("Mia Andersson", "MiaA"), new Player("Ethan Clark", "EClark"),
            new Player("Ava Lewis", "AvaL"), new Player("Mateo Hernández", "MateoH"),
            new Player("Isabella Lopez", "BellaL"), new Player("Oliver Young", "OllieY"),
            new Player("Amara Okafor", "AmaraO"), new Player("Henrik Larsen", "HenL"),
            new Player("Yuki Sato", "YukiS"), new Player("Grace Kim", "GraceK"),
            new Player("Łukasz Nowak", "LukN"), new Player("Chloé Dubois", "ChloeD"),
            new Player("Ravi Kumar", "RaviK"), new Player("Ingrid Berg", "IngB"),
            new Player("Diego Silva", "DSilva"), new Player("Hannah Fischer", "HanF"),
            new Player("Samuel Adeyemi", "SamA"), new Player("Nora Jensen", "NoraJ"),
            new Player("Leo Costa", "LeoC"), new Player("Elif Yılmaz", "ElifY"),
            new Player("Max Weber", "MaxW"), new Player("Lily Evans", ""));

    @Override
    public List<List<String>> rows() {
        Random random = new Random(SEED);
        List<Integer> activity = new ArrayList<>();
        List<Integer> skill = new ArrayList<>();
        for (int i = 0; i < PLAYERS.size(); i++) {
            activity.add(1 + random.nextInt(40));
            skill.add(5 + random.nextInt(40));
        }
        WeightedChoice<Integer> players = new WeightedChoice<>(indexes(PLAYERS.size()), activity);
        List<List<String>> rows = new ArrayList<>(ROWS);
        rows.add(List.of("1", "Jane Doe", "100", "JaneD"));
        for (int recordId = 2; recordId <= ROWS; recordId++) {
            int player = players.pick(random);
            // Scores in steps of 10, spread around the player's skill.
            int score = 10 * Math.max(0, skill.get(player) - 5 + random.nextInt(11));
            rows.add(List.of(Integer.toString(recordId), PLAYERS.get(player).username(), Integer.toString(score),
                    PLAYERS.get(player).nickname()));
        }
        return rows;
    }

    private static List<Integer> indexes(int count) {
        List<Integer> indexes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            indexes.add(i);
        }
        return indexes;
    }
}
