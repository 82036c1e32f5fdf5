package dev.ddbstreams.data.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A web server's access log over three days of July 2009, in the replication lab's ten columns.
 * Exactly {@link #SERVER_ERRORS} of the {@link #ROWS} requests fail with 500; a few dozen hosts
 * make the requests, some far more often than others (the lab's GSI groups requests by host).
 */
final class LogfileGenerator implements RowGenerator {

    static final int ROWS = 2_000;
    static final int SERVER_ERRORS = 500;

    private static final long SEED = 20_090_721L;
    private static final LocalDate FIRST_DAY = LocalDate.of(2009, 7, 21);
    private static final int HOURS = 72;
    private static final long FIRST_REQUEST_ID = 104_000L;
    private static final int RANDOM_HOSTS = 40;

    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final String SLURP = "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)";
    private static final String MSNBOT = "msnbot/2.0b (+http://search.msn.com/msnbot.htm)";
    /** Browsers and tools of 2009; most contain commas ("KHTML, like Gecko"), one contains quotes. */
    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows; U; Windows NT 5.1; en-US; rv:1.9.1) Gecko/20090624 Firefox/3.5",
            "Mozilla/5.0 (Windows; U; Windows NT 6.0; en-US) AppleWebKit/530.5 (KHTML, like Gecko) Chrome/2.0.172.33 Safari/530.5",
            "Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_5_7; en-us) AppleWebKit/530.17 (KHTML, like Gecko) Version/4.0 Safari/530.17",
            "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; .NET CLR 2.0.50727)",
            "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; SLCC2; .NET CLR 2.0.50727)",
            "Mozilla/5.0 (iPhone; U; CPU iPhone OS 3_0 like Mac OS X; en-us) AppleWebKit/528.18 (KHTML, like Gecko) Version/4.0 Mobile/7A341 Safari/528.16",
            "Opera/9.80 (Windows NT 6.0; U; en) Presto/2.2.15 Version/10.00",
            "Mozilla/5.0 (X11; U; Linux i686; de; rv:1.9.0.11) Gecko/2009061417 Ubuntu/9.04 (jaunty) Firefox/3.0.11",
            "Wget/1.11.4",
            "curl/7.19.5 (i486-pc-linux-gnu) libcurl/7.19.5 OpenSSL/0.9.8k zlib/1.2.3.3",
            "Mozilla/5.0 (compatible; \"SiteMonitor\", v1.2; +http://monitor.example.net/)");

    private static final WeightedChoice<String> METHODS =
            new WeightedChoice<>(List.of("GET", "POST", "HEAD"), List.of(88, 9, 3));
    private static final WeightedChoice<Integer> OTHER_RESPONSE_CODES =
            new WeightedChoice<>(List.of(200, 304, 404, 301, 302, 403), List.of(75, 10, 8, 4, 2, 1));
    private static final WeightedChoice<String> PAGES = new WeightedChoice<>(List.of(
            "/", "/index.html", "/about.html", "/products/widgets.html", "/blog/2009/07/streams-and-triggers.html",
            "/blog/2009/07/naïve-bayes.html", "/wiki/Zürich", "/wiki/São_Paulo", "/wiki/Kraków", "/wiki/東京",
            "/café/menü.html", "/docs/résumé.pdf", "/search?q=coffee,tea", "/search?q=crème+brûlée",
            "/images/logo.png", "/images/banner.jpg", "/css/site.css", "/js/jquery-1.3.2.min.js", "/favicon.ico",
            "/robots.txt", "/feed.xml"),
            List.of(60, 40, 10, 14, 12, 6, 9, 5, 4, 3, 7, 3, 4, 3, 30, 12, 25, 25, 20, 6, 8));
    private static final WeightedChoice<String> FORMS = new WeightedChoice<>(List.of(
            "/login", "/cart/add", "/comments/post", "/search", "/café/order"), List.of(30, 25, 20, 15, 10));

    @Override
    public List<List<String>> rows() {
        Random random = new Random(SEED);
        List<Host> hosts = hosts(random);
        WeightedChoice<Host> hostChoice = new WeightedChoice<>(hosts, hostWeights(hosts.size()));
        boolean[] serverError = serverErrorRows(random);
        List<List<String>> rows = new ArrayList<>(ROWS);
        long requestId = FIRST_REQUEST_ID;
        for (int i = 0; i < ROWS; i++) {
            requestId += 1 + random.nextInt(4);
            int hour = i * HOURS / ROWS;
            Host host = hostChoice.pick(random);
            String method = METHODS.pick(random);
            String url = method.equals("POST") ? FORMS.pick(random) : PAGES.pick(random);
            int responseCode = serverError[i] ? 500 : OTHER_RESPONSE_CODES.pick(random);
            rows.add(List.of(
                    Long.toString(requestId),
                    host.address(),
                    FIRST_DAY.plusDays(hour / 24).toString(),
                    String.format(Locale.ROOT, "%02d", hour % 24),
                    "GMT-0700",
                    method,
                    url,
                    Integer.toString(responseCode),
                    Integer.toString(bytesSent(random, method, url, responseCode)),
                    host.userAgent()));
        }
        return rows;
    }

    private record Host(String address, String userAgent) {
    }

    /** Three search engine crawlers, then visitors with random addresses, each with one browser. */
    private static List<Host> hosts(Random random) {
        List<Host> hosts = new ArrayList<>();
        hosts.add(new Host("66.249.67.3", GOOGLEBOT));
        hosts.add(new Host("72.30.142.87", SLURP));
        hosts.add(new Host("65.55.208.240", MSNBOT));
        while (hosts.size() < 3 + RANDOM_HOSTS) {
            String address = (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256)
                    + "." + (1 + random.nextInt(254));
            String userAgent = USER_AGENTS.get(random.nextInt(USER_AGENTS.size()));
            if (hosts.stream().noneMatch(host -> host.address().equals(address))) {
                hosts.add(new Host(address, userAgent));
            }
        }
        return hosts;
    }

    /** Roughly Zipf: the n-th host is about 1/n as busy as the first. */
    private static List<Integer> hostWeights(int hostCount) {
        List<Integer> weights = new ArrayList<>(hostCount);
        for (int rank = 1; rank <= hostCount; rank++) {
            weights.add(1_000 / rank);
        }
        return weights;
    }

    /** Marks exactly {@link #SERVER_ERRORS} rows, spread at random (a partial Fisher-Yates shuffle). */
    private static boolean[] serverErrorRows(Random random) {
        int[] order = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            order[i] = i;
        }
        boolean[] marked = new boolean[ROWS];
        for (int i = 0; i < SERVER_ERRORS; i++) {
            int j = i + random.nextInt(ROWS - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
            marked[order[i]] = true;
        }
        return marked;
    }

    private static int bytesSent(Random random, String method, String url, int responseCode) {
        if (responseCode == 304 || method.equals("HEAD")) {
            return 0;
        }
        if (responseCode != 200) {
            return 180 + random.nextInt(responseCode == 500 ? 900 : 400);
        }
        if (url.endsWith(".png") || url.endsWith(".jpg")) {
            return 2_000 + random.nextInt(150_000);
        }
        if (url.endsWith(".css") || url.endsWith(".js") || url.endsWith(".ico") || url.endsWith(".txt")) {
            return 300 + random.nextInt(40_000);
        }
        if (url.endsWith(".pdf")) {
            return 40_000 + random.nextInt(400_000);
        }
        return 3_000 + random.nextInt(60_000);
    }
}
