package dev.ddbstreams.data.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Votes on city improvements: {@link #ROWS} votes, ids {@code 1..ROWS}. Regions vote in very
 * different numbers, and each region has its own favourite improvement, so the totals differ
 * visibly on the dashboard.
 */
final class VoteGenerator implements RowGenerator {

    static final int ROWS = 5_000;
    static final List<String> REGIONS = List.of("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL");
    static final List<String> IMPROVEMENTS = List.of(
            "MORE_TREES", "MORE_FLOWERS", "BIKE_LANES", "MORE_BENCHES", "STREET_LIGHTS", "PLAYGROUNDS");

    private static final long SEED = 234L;
    private static final List<Integer> REGION_WEIGHTS = List.of(24, 19, 15, 11, 31);
    private static final List<Integer> PREFERENCE_WEIGHTS = List.of(34, 22, 16, 12, 9, 7);

    @Override
    public List<List<String>> rows() {
        Random random = new Random(SEED);
        WeightedChoice<String> regions = new WeightedChoice<>(REGIONS, REGION_WEIGHTS);
        List<WeightedChoice<String>> improvementsByRegion = new ArrayList<>();
        for (int region = 0; region < REGIONS.size(); region++) {
            improvementsByRegion.add(new WeightedChoice<>(IMPROVEMENTS, rotated(PREFERENCE_WEIGHTS, region)));
        }
        List<List<String>> rows = new ArrayList<>(ROWS);
        for (int id = 1; id <= ROWS; id++) {
            String region = regions.pick(random);
            String improvement = improvementsByRegion.get(REGIONS.indexOf(region)).pick(random);
            rows.add(List.of(Integer.toString(id), region, improvement));
        }
        return rows;
    }

    /** The weights shifted right by {@code steps}: region n's favourite is improvement n. */
    private static List<Integer> rotated(List<Integer> weights, int steps) {
        List<Integer> rotated = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            rotated.add(weights.get(Math.floorMod(i - steps, weights.size())));
        }
        return rotated;
    }
}
