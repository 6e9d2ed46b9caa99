package dev.agentlane.core.engine;

import dev.agentlane.core.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the options of well-known programs mean for a policy: which option values are paths read or
 * written, which are URLs, which make the command write its operands ({@code sed -i}, {@code find
 * -delete}), which hand code to an interpreter, and which make a command impossible to judge from its
 * text ({@code curl -K}, {@code rg --pre}, {@code git -C}). A program without a table has its operands
 * judged as the command rule says, and a path glued to a short option ({@code -t/etc}) is judged too.
 *
 * <p>Stateless and thread-safe.
 */
final class CommandOptions {
  private CommandOptions() {}

  /** What an option means. */
  enum Kind {
    /** Takes a value that is neither a path nor a URL. */
    VALUE(true),
    /** Takes a path the program reads. */
    READ(true),
    /** Takes a path the program writes. */
    WRITE(true),
    /** Takes a URL or host the program contacts. */
    URL(true),
    /** Takes code for an interpreter, or a sed script; checked word by word. */
    CODE(true),
    /** curl data: {@code @file} reads a file. */
    DATA(true),
    /** curl form: {@code name=@file} or {@code name=<file} reads a file. */
    FORM(true),
    /** Makes the program write its operands (sed -i, find -delete); an attached suffix is allowed. */
    WRITES(false),
    /** Makes the program write somewhere in the working directory (curl -O). */
    WRITES_SOMEWHERE(false),
    /** Makes the line impossible to judge from its text. */
    REFUSE(false),
    /** Like REFUSE, for options that take a value. */
    REFUSE_VALUE(true);

    final boolean takesValue;

    Kind(boolean takesValue) {
      this.takesValue = takesValue;
    }
  }

  /** A program's options; {@code singleDashLong} for find-style {@code -name} options. */
  record Table(Map<String, Kind> options, boolean singleDashLong, boolean scriptFirst) {}

  private static final Map<String, Table> TABLES = Map.ofEntries(
      Map.entry("curl", new Table(Map.ofEntries(
          Map.entry("-X", Kind.VALUE), Map.entry("--request", Kind.VALUE),
          Map.entry("-H", Kind.VALUE), Map.entry("--header", Kind.VALUE),
          Map.entry("-A", Kind.VALUE), Map.entry("--user-agent", Kind.VALUE),
          Map.entry("-e", Kind.VALUE), Map.entry("--referer", Kind.VALUE),
          Map.entry("-m", Kind.VALUE), Map.entry("--max-time", Kind.VALUE),
          Map.entry("--connect-timeout", Kind.VALUE), Map.entry("--retry", Kind.VALUE),
          Map.entry("-w", Kind.VALUE), Map.entry("--write-out", Kind.VALUE),
          Map.entry("-u", Kind.VALUE), Map.entry("--user", Kind.VALUE),
          Map.entry("-r", Kind.VALUE), Map.entry("--range", Kind.VALUE),
          Map.entry("-Y", Kind.VALUE), Map.entry("-y", Kind.VALUE), Map.entry("--limit-rate", Kind.VALUE),
          Map.entry("-d", Kind.DATA), Map.entry("--data", Kind.DATA), Map.entry("--data-binary", Kind.DATA),
          Map.entry("--data-ascii", Kind.DATA), Map.entry("--data-urlencode", Kind.DATA), Map.entry("--json", Kind.DATA),
          Map.entry("--data-raw", Kind.VALUE),
          Map.entry("-F", Kind.FORM), Map.entry("--form", Kind.FORM),
          Map.entry("-o", Kind.WRITE), Map.entry("--output", Kind.WRITE), Map.entry("--output-dir", Kind.WRITE),
          Map.entry("-c", Kind.WRITE), Map.entry("--cookie-jar", Kind.WRITE),
          Map.entry("-D", Kind.WRITE), Map.entry("--dump-header", Kind.WRITE),
          Map.entry("--trace", Kind.WRITE), Map.entry("--trace-ascii", Kind.WRITE), Map.entry("--stderr", Kind.WRITE),
          Map.entry("-O", Kind.WRITES_SOMEWHERE), Map.entry("--remote-name", Kind.WRITES_SOMEWHERE),
          Map.entry("-T", Kind.READ), Map.entry("--upload-file", Kind.READ),
          Map.entry("-b", Kind.READ), Map.entry("--cookie", Kind.READ),
          Map.entry("--cacert", Kind.READ), Map.entry("--cert", Kind.READ), Map.entry("-E", Kind.READ),
          Map.entry("--key", Kind.READ), Map.entry("--netrc-file", Kind.READ),
          Map.entry("-x", Kind.URL), Map.entry("--proxy", Kind.URL), Map.entry("--preproxy", Kind.URL),
          Map.entry("-K", Kind.REFUSE_VALUE), Map.entry("--config", Kind.REFUSE_VALUE),
          Map.entry("--resolve", Kind.REFUSE_VALUE), Map.entry("--connect-to", Kind.REFUSE_VALUE),
          Map.entry("--unix-socket", Kind.REFUSE_VALUE), Map.entry("--abstract-unix-socket", Kind.REFUSE_VALUE),
          Map.entry("--doh-url", Kind.REFUSE_VALUE)), false, false)),
      Map.entry("sed", new Table(opts(
          "-i", Kind.WRITES, "--in-place", Kind.WRITES,
          "-e", Kind.CODE, "--expression", Kind.CODE,
          "-f", Kind.REFUSE_VALUE, "--file", Kind.REFUSE_VALUE,
          "-l", Kind.VALUE, "--line-length", Kind.VALUE), false, true)),
      Map.entry("find", new Table(opts(
          "-delete", Kind.WRITES,
          "-fprint", Kind.WRITE, "-fprint0", Kind.WRITE, "-fprintf", Kind.WRITE, "-fls", Kind.WRITE,
          "-files0-from", Kind.READ), true, false)),
      Map.entry("git", new Table(opts(
          "--output", Kind.WRITE,
          "-C", Kind.REFUSE_VALUE, "-c", Kind.REFUSE_VALUE, "--git-dir", Kind.REFUSE_VALUE,
          "--work-tree", Kind.REFUSE_VALUE, "--exec-path", Kind.REFUSE_VALUE,
          "--upload-pack", Kind.REFUSE_VALUE, "--receive-pack", Kind.REFUSE_VALUE, "--ext-diff", Kind.REFUSE,
          "--config-env", Kind.REFUSE_VALUE), false, false)),
      Map.entry("rg", new Table(opts(
          "--pre", Kind.REFUSE_VALUE, "--pre-glob", Kind.VALUE, "-f", Kind.READ, "--file", Kind.READ,
          "--ignore-file", Kind.READ, "-e", Kind.VALUE, "--regexp", Kind.VALUE, "-g", Kind.VALUE,
          "--glob", Kind.VALUE, "-t", Kind.VALUE, "--type", Kind.VALUE), false, false)),
      Map.entry("grep", new Table(opts(
          "-f", Kind.READ, "--file", Kind.READ, "--exclude-from", Kind.READ,
          "-e", Kind.VALUE, "--regexp", Kind.VALUE, "-m", Kind.VALUE, "--max-count", Kind.VALUE,
          "-A", Kind.VALUE, "-B", Kind.VALUE, "-C", Kind.VALUE), false, false)),
      Map.entry("cp", new Table(opts("-t", Kind.WRITE, "--target-directory", Kind.WRITE, "-S", Kind.VALUE,
          "--suffix", Kind.VALUE), false, false)),
      Map.entry("mv", new Table(opts("-t", Kind.WRITE, "--target-directory", Kind.WRITE, "-S", Kind.VALUE,
          "--suffix", Kind.VALUE), false, false)),
      Map.entry("xargs", new Table(opts("-a", Kind.READ, "--arg-file", Kind.READ, "-I", Kind.VALUE,
          "-n", Kind.VALUE, "-P", Kind.VALUE, "-L", Kind.VALUE, "-s", Kind.VALUE, "-d", Kind.VALUE,
          "-E", Kind.VALUE), false, false)),
      Map.entry("npm", new Table(opts("--script-shell", Kind.REFUSE_VALUE, "--prefix", Kind.REFUSE_VALUE,
          "--userconfig", Kind.REFUSE_VALUE, "--globalconfig", Kind.REFUSE_VALUE, "-C", Kind.REFUSE_VALUE),
          false, false)),
      Map.entry("env", new Table(opts("-C", Kind.REFUSE_VALUE, "--chdir", Kind.REFUSE_VALUE, "-S", Kind.REFUSE_VALUE,
          "--split-string", Kind.REFUSE_VALUE, "-u", Kind.VALUE, "--unset", Kind.VALUE), false, false)),
      Map.entry("head", new Table(opts("-n", Kind.VALUE, "-c", Kind.VALUE, "--lines", Kind.VALUE,
          "--bytes", Kind.VALUE), false, false)),
      Map.entry("tail", new Table(opts("-n", Kind.VALUE, "-c", Kind.VALUE, "--lines", Kind.VALUE,
          "--bytes", Kind.VALUE, "-s", Kind.VALUE), false, false)),
      Map.entry("python3", interpreter("-c")), Map.entry("python", interpreter("-c")),
      Map.entry("node", interpreter("-e")), Map.entry("perl", interpreter("-e")),
      Map.entry("ruby", interpreter("-e")), Map.entry("php", interpreter("-r")));

  /** Programs that read their program from standard input when given no script operand. */
  static final java.util.Set<String> STDIN_INTERPRETERS = java.util.Set.of("bash", "sh", "zsh", "dash", "ksh", "mksh",
      "ash", "fish", "python", "python3", "node", "perl", "ruby", "php", "lua", "Rscript", "osascript");

  private static Map<String, Kind> opts(Object... pairs) {
    Map<String, Kind> out = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return Map.copyOf(out);
  }

  private static Table interpreter(String codeOption) {
    return new Table(opts(codeOption, Kind.CODE, "-m", Kind.CODE), false, false);
  }

  /** One option value or operand with what it means. */
  record Item(Word word, String value, Kind kind) {}

  /** The classified arguments of one command. */
  static final class Scan {
    /** Operands: paths or URLs as the command rule says. */
    final List<Item> operands = new ArrayList<>();
    /** Option values that are paths, URLs, code or data. */
    final List<Item> values = new ArrayList<>();
    /** Options that make the line unjudgeable. */
    final List<String> refusals = new ArrayList<>();
    boolean writesOperands;
    boolean writesSomewhere;
    boolean hasScriptOrCode;
  }

  /**
   * Classifies {@code argv} from index {@code start} for {@code program}.
   */
  static Scan scan(String program, List<Word> argv, int start) {
    Table table = TABLES.get(program);
    Scan scan = new Scan();
    boolean operandsOnly = false;
    for (int i = start; i < argv.size(); i++) {
      Word w = argv.get(i);
      String v = w.value();
      if (operandsOnly || v.length() < 2 || v.charAt(0) != '-') {
        scan.operands.add(new Item(w, v, Kind.VALUE));
        continue;
      }
      if (v.equals("--")) {
        operandsOnly = true;
        continue;
      }
      if (table == null) {
        genericOption(scan, w, v);
        continue;
      }
      if (v.startsWith("--") || table.singleDashLong()) {
        int eq = v.indexOf('=');
        String name = eq > 0 ? v.substring(0, eq) : v;
        Kind kind = table.options().get(name);
        if (kind == null && !table.singleDashLong()) {
          for (Map.Entry<String, Kind> opt : table.options().entrySet()) {
            if (opt.getValue() == Kind.WRITES && name.startsWith(opt.getKey())) {
              kind = Kind.WRITES; // --in-place=SUFFIX spelled without '='
            }
          }
        }
        if (kind == null) {
          if (eq > 0) {
            scan.operands.add(new Item(w, v.substring(eq + 1), Kind.VALUE));
          }
          continue;
        }
        String value = eq > 0 ? v.substring(eq + 1) : null;
        if (kind.takesValue && value == null && i + 1 < argv.size()) {
          w = argv.get(++i);
          value = w.value();
        }
        apply(scan, kind, name, w, value);
        continue;
      }
      // A cluster of short options: -sSo file, -ni, -t/etc.
      for (int j = 1; j < v.length(); j++) {
        String name = "-" + v.charAt(j);
        Kind kind = table.options().get(name);
        if (kind == null) {
          continue;
        }
        if (kind == Kind.WRITES) {
          apply(scan, kind, name, w, null); // -i.bak: the rest is a backup suffix
          break;
        }
        String value = null;
        if (kind.takesValue) {
          if (j + 1 < v.length()) {
            value = v.substring(j + 1);
          } else if (i + 1 < argv.size()) {
            w = argv.get(++i);
            value = w.value();
          }
        }
        apply(scan, kind, name, w, value);
        break;
      }
    }
    if (table != null && table.scriptFirst() && !scan.hasScriptOrCode && !scan.operands.isEmpty()) {
      Item script = scan.operands.remove(0);
      scan.values.add(new Item(script.word(), script.value(), Kind.CODE));
      scan.hasScriptOrCode = true;
    }
    return scan;
  }

  private static void genericOption(Scan scan, Word w, String v) {
    int eq = v.indexOf('=');
    if (v.startsWith("--") && eq > 2) {
      scan.operands.add(new Item(w, v.substring(eq + 1), Kind.VALUE));
    } else if (!v.startsWith("--") && v.length() > 2) {
      String tail = v.substring(2);
      if (tail.indexOf('/') >= 0 || tail.startsWith(".") || tail.startsWith("~")) {
        scan.operands.add(new Item(w, tail, Kind.VALUE)); // a path glued to a short option: -t/etc
      }
    }
  }

  private static void apply(Scan scan, Kind kind, String name, Word w, @Nullable String value) {
    switch (kind) {
      case WRITES -> scan.writesOperands = true;
      case WRITES_SOMEWHERE -> scan.writesSomewhere = true;
      case REFUSE, REFUSE_VALUE -> scan.refusals.add(name);
      case VALUE -> { }
      case CODE -> {
        scan.hasScriptOrCode = true;
        if (value != null) {
          scan.values.add(new Item(w, value, kind));
        }
      }
      default -> {
        if (value == null) {
          scan.refusals.add(name + " without a value");
        } else {
          scan.values.add(new Item(w, value, kind));
        }
      }
    }
  }

  /**
   * Whether a sed script writes or runs something: the {@code w}, {@code W}, {@code e}, {@code r}
   * and {@code R} commands, or the {@code w} and {@code e} flags of {@code s}.
   */
  static boolean sedScriptEscapes(String script) {
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (Character.isWhitespace(c) || c == ';' || Character.isDigit(c) || c == ',' || c == '$' || c == '!'
          || c == '{' || c == '}' || c == '~') {
        i++;
        continue;
      }
      if (c == '/' || c == '\\') {
        i = skipDelimited(script, c == '\\' && i + 1 < n ? i + 1 : i);
        continue;
      }
      if (c == 's' || c == 'y') {
        if (i + 1 >= n) {
          return true;
        }
        char d = script.charAt(i + 1);
        int end = skipDelimited(script, skipDelimited(script, i + 1) - 1);
        int flagsEnd = end;
        while (flagsEnd < n && script.charAt(flagsEnd) != ';' && script.charAt(flagsEnd) != '\n') {
          flagsEnd++;
        }
        String flags = script.substring(Math.min(end, n), flagsEnd);
        if (c == 's' && (flags.indexOf('w') >= 0 || flags.indexOf('e') >= 0 || flags.indexOf('W') >= 0)) {
          return true;
        }
        if (d == '\n') {
          return true;
        }
        i = flagsEnd;
        continue;
      }
      if ("wWerR".indexOf(c) >= 0) {
        return true;
      }
      if (c == 'a' || c == 'i' || c == 'c') {
        // Text commands: the rest of the line is text.
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      i++;
    }
    return false;
  }

  /** Skips a delimited part starting at the delimiter at {@code start}; returns the index after its end. */
  private static int skipDelimited(String s, int start) {
    char d = s.charAt(start);
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == d) {
        return i + 1;
      }
      i++;
    }
    return s.length();
  }
}
