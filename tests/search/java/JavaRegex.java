// Applies regular expressions the way Elasticsearch's pattern_replace filters and the
// keyword_marker filter do (java.util.regex), so tests can check our patterns without a
// server. Input: one case per line, tab-separated base64 (UTF-8) fields:
//   R <pattern> <replacement> [<pattern> <replacement>…] <text>  → replaceAll, in turn
//   M <pattern> <text>                                          → "1" if matches(), else "0"
// Output: one base64 line per case.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

public class JavaRegex {
    static String decode(String field) {
        return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String[] fields = line.split("\t");
            String result;
            if (fields[0].equals("M")) {
                result = Pattern.compile(decode(fields[1])).matcher(decode(fields[2])).matches() ? "1" : "0";
            } else {
                result = decode(fields[fields.length - 1]);
                for (int i = 1; i + 1 < fields.length; i += 2) {
                    result = Pattern.compile(decode(fields[i])).matcher(result).replaceAll(decode(fields[i + 1]));
                }
            }
            out.append(Base64.getEncoder().encodeToString(result.getBytes(StandardCharsets.UTF_8))).append('\n');
        }
        System.out.print(out);
    }
}
