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
    /**
     * Takes no value and changes nothing judged; listed where a real option's name is the start of a longer
     * one ({@code curl --head} and {@code --header}), so that it is not read as an abbreviation of it.
     */
    FLAG(false),
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
    REFUSE_VALUE(true),
    /** Makes an interpreter read its program from standard input ({@code bash -s}). */
    STDIN(false),
    /** Takes a search pattern: neither a path nor a mention. */
    PATTERN(true),
    /** Takes the destination directory; the operands are then all sources (cp -t). */
    TARGET(true),
    /** Takes a file of patterns (grep -f): read, and no operand is a pattern. */
    PATTERN_FILE(true),
    /** curl -w: a format that may write a file with {@code %output{file}}. */
    WRITE_OUT(true),
    /** find -regex: a regular expression over paths; judged as the wildcard it approximates. */
    REGEX(true);

    final boolean takesValue;

    Kind(boolean takesValue) {
      this.takesValue = takesValue;
    }
  }

  /** How a program's operands are laid out. */
  enum Layout {
    /** Every operand is a path (or URL) as the command rule says. */
    PLAIN,
    /** The first operand is a script (sed), unless one was given with an option. */
    SCRIPT_FIRST,
    /** The first operand is a search pattern (grep, rg), unless one was given with an option. */
    PATTERN_FIRST,
    /** The last operand is the destination, the others are read (cp), unless a target option was given. */
    LAST_IS_TARGET
  }

  /** A program's options; {@code singleDashLong} for find-style {@code -name} options. */
  record Table(Map<String, Kind> options, boolean singleDashLong, Layout layout) {
    Table(Map<String, Kind> options, boolean singleDashLong, boolean scriptFirst) {
      this(options, singleDashLong, scriptFirst ? Layout.SCRIPT_FIRST : Layout.PLAIN);
    }
  }

  private static final Map<String, Table> TABLES = Map.ofEntries(
      Map.entry("curl", new Table(Map.ofEntries(
          Map.entry("-X", Kind.VALUE), Map.entry("--request", Kind.VALUE),
          Map.entry("-H", Kind.VALUE), Map.entry("--header", Kind.VALUE),
          Map.entry("-A", Kind.VALUE), Map.entry("--user-agent", Kind.VALUE),
          Map.entry("-e", Kind.VALUE), Map.entry("--referer", Kind.VALUE),
          Map.entry("-m", Kind.VALUE), Map.entry("--max-time", Kind.VALUE),
          Map.entry("--connect-timeout", Kind.VALUE), Map.entry("--retry", Kind.VALUE),
          Map.entry("-w", Kind.WRITE_OUT), Map.entry("--write-out", Kind.WRITE_OUT),
          Map.entry("--libcurl", Kind.WRITE), Map.entry("--etag-save", Kind.WRITE), Map.entry("--hsts", Kind.WRITE),
          Map.entry("--alt-svc", Kind.WRITE), Map.entry("--etag-compare", Kind.READ),
          Map.entry("-u", Kind.VALUE), Map.entry("--user", Kind.VALUE),
          Map.entry("-r", Kind.VALUE), Map.entry("--range", Kind.VALUE),
          Map.entry("-Y", Kind.VALUE), Map.entry("-y", Kind.VALUE), Map.entry("--limit-rate", Kind.VALUE),
          // numbers and names, not hosts: without these, 'curl --max-redirs 5 URL' judged 5 as a host
          Map.entry("--max-filesize", Kind.VALUE), Map.entry("--max-redirs", Kind.VALUE),
          Map.entry("--retry-delay", Kind.VALUE), Map.entry("--retry-max-time", Kind.VALUE),
          Map.entry("--speed-limit", Kind.VALUE), Map.entry("--speed-time", Kind.VALUE), Map.entry("-C", Kind.VALUE),
          Map.entry("--continue-at", Kind.VALUE), Map.entry("--keepalive-time", Kind.VALUE),
          Map.entry("--expect100-timeout", Kind.VALUE), Map.entry("--tls-max", Kind.VALUE),
          Map.entry("--proto", Kind.VALUE), Map.entry("--proto-redir", Kind.VALUE), Map.entry("--ciphers", Kind.VALUE),
          Map.entry("--rate", Kind.VALUE), Map.entry("--parallel-max", Kind.VALUE),
          Map.entry("--oauth2-bearer", Kind.VALUE), Map.entry("--aws-sigv4", Kind.VALUE),
          Map.entry("-z", Kind.READ), Map.entry("--time-cond", Kind.READ),
          Map.entry("--variable", Kind.DATA), Map.entry("--url-query", Kind.DATA),
          Map.entry("--dns-servers", Kind.REFUSE_VALUE),
          // real options whose names start longer ones: not abbreviations of --url-query, --header ...
          Map.entry("--url", Kind.URL), Map.entry("--head", Kind.FLAG), Map.entry("--netrc", Kind.FLAG),
          Map.entry("--parallel", Kind.FLAG),
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
          "-i", Kind.WRITES, "--in-place", Kind.WRITES, "-I", Kind.WRITES, // -I: BSD (macOS) sed edits in place too
          "-e", Kind.CODE, "--expression", Kind.CODE,
          "-f", Kind.REFUSE_VALUE, "--file", Kind.REFUSE_VALUE,
          "-l", Kind.VALUE, "--line-length", Kind.VALUE), false, true)),
      Map.entry("find", new Table(opts(
          "-delete", Kind.WRITES,
          "-fprint", Kind.WRITE, "-fprint0", Kind.WRITE, "-fprintf", Kind.WRITE, "-fls", Kind.WRITE,
          "-files0-from", Kind.READ, "-regex", Kind.REGEX, "-iregex", Kind.REGEX), true, false)),
      Map.entry("git", new Table(gitOptions(true), false, false)),
      Map.entry("rg", new Table(opts(
          "--pre", Kind.REFUSE_VALUE, "--hostname-bin", Kind.REFUSE_VALUE, "--pre-glob", Kind.VALUE, "-f", Kind.PATTERN_FILE, "--file", Kind.PATTERN_FILE,
          "--ignore-file", Kind.READ, "-e", Kind.PATTERN, "--regexp", Kind.PATTERN, "-g", Kind.VALUE,
          "--glob", Kind.VALUE, "-t", Kind.VALUE, "--type", Kind.VALUE, "-m", Kind.VALUE, "-A", Kind.VALUE,
          "-B", Kind.VALUE, "-C", Kind.VALUE,
          // Options with a required value: without them, 'rg --iglob *.pem KEY' took the glob for the pattern.
          "--iglob", Kind.VALUE, "-T", Kind.VALUE, "--type-not", Kind.VALUE, "--type-add", Kind.VALUE,
          "-d", Kind.VALUE, "--max-depth", Kind.VALUE, "-E", Kind.VALUE, "--encoding", Kind.VALUE, "-j", Kind.VALUE,
          "--threads", Kind.VALUE, "-M", Kind.VALUE, "--max-columns", Kind.VALUE, "-r", Kind.VALUE,
          "--replace", Kind.VALUE, "--sort", Kind.VALUE, "--sortr", Kind.VALUE, "--max-count", Kind.VALUE,
          "--after-context", Kind.VALUE, "--before-context", Kind.VALUE, "--context", Kind.VALUE,
          "--max-filesize", Kind.VALUE, "--engine", Kind.VALUE, "--path-separator", Kind.VALUE,
          "--context-separator", Kind.VALUE, "--color", Kind.VALUE, "--colors", Kind.VALUE),
          false, Layout.PATTERN_FIRST)),
      Map.entry("grep", new Table(opts(
          "-f", Kind.PATTERN_FILE, "--file", Kind.PATTERN_FILE, "--exclude-from", Kind.READ,
          "-e", Kind.PATTERN, "--regexp", Kind.PATTERN, "-m", Kind.VALUE, "--max-count", Kind.VALUE,
          "-A", Kind.VALUE, "-B", Kind.VALUE, "-C", Kind.VALUE,
          // Options with a required value (not --color, whose value is optional and only given with '='):
          // without them, 'grep -r --include *.pem "" .' took the glob for the pattern.
          "--include", Kind.VALUE, "--exclude", Kind.VALUE, "--exclude-dir", Kind.VALUE, "--label", Kind.VALUE,
          "-d", Kind.VALUE, "--directories", Kind.VALUE, "-D", Kind.VALUE, "--devices", Kind.VALUE,
          "--binary-files", Kind.VALUE, "--group-separator", Kind.VALUE, "--after-context", Kind.VALUE,
          "--before-context", Kind.VALUE, "--context", Kind.VALUE), false, Layout.PATTERN_FIRST)),
      // cp -l/-s make links: a later write to the link reaches the source, which was judged as read only.
      Map.entry("cp", new Table(opts("-t", Kind.TARGET, "--target-directory", Kind.TARGET, "-S", Kind.VALUE,
          "--suffix", Kind.VALUE, "-l", Kind.REFUSE, "--link", Kind.REFUSE, "-s", Kind.REFUSE,
          "--symbolic-link", Kind.REFUSE), false, Layout.LAST_IS_TARGET)),
      Map.entry("mv", new Table(opts("-t", Kind.WRITE, "--target-directory", Kind.WRITE, "-S", Kind.VALUE,
          "--suffix", Kind.VALUE), false, false)),
      Map.entry("xargs", new Table(opts("-a", Kind.READ, "--arg-file", Kind.READ, "-I", Kind.VALUE,
          "-n", Kind.VALUE, "-P", Kind.VALUE, "-L", Kind.VALUE, "-s", Kind.VALUE, "-d", Kind.VALUE,
          "-E", Kind.VALUE), false, false)),
      Map.entry("npm", new Table(opts("--script-shell", Kind.REFUSE_VALUE, "--prefix", Kind.REFUSE_VALUE,
          "--userconfig", Kind.REFUSE_VALUE, "--globalconfig", Kind.REFUSE_VALUE, "-C", Kind.REFUSE_VALUE,
          "--registry", Kind.REFUSE_VALUE, "--proxy", Kind.REFUSE_VALUE, "--https-proxy", Kind.REFUSE_VALUE,
          "--node-options", Kind.REFUSE_VALUE, "--cafile", Kind.REFUSE_VALUE), false, false)),
      Map.entry("mvn", new Table(opts("-s", Kind.REFUSE_VALUE, "--settings", Kind.REFUSE_VALUE,
          "-gs", Kind.REFUSE_VALUE, "--global-settings", Kind.REFUSE_VALUE, "-t", Kind.REFUSE_VALUE,
          "--toolchains", Kind.REFUSE_VALUE, "-f", Kind.READ, "--file", Kind.READ, "-D", Kind.VALUE,
          "-P", Kind.VALUE, "-pl", Kind.VALUE, "-T", Kind.VALUE), false, false)),
      Map.entry("./gradlew", gradle()), Map.entry("gradle", gradle()), Map.entry("gradlew", gradle()),
      // Build tools: a changed directory is refused (as git -C and npm -C are), another build file is read,
      // and an output file is written (go build -o ~/.local/bin/git plants a program outside the workspace).
      Map.entry("make", new Table(opts("-C", Kind.REFUSE_VALUE, "--directory", Kind.REFUSE_VALUE,
          "-f", Kind.READ, "--file", Kind.READ, "--makefile", Kind.READ, "-I", Kind.READ, "--include-dir", Kind.READ,
          "-j", Kind.VALUE, "--jobs", Kind.VALUE, "-l", Kind.VALUE, "--load-average", Kind.VALUE,
          "-o", Kind.VALUE, "--old-file", Kind.VALUE, "-W", Kind.VALUE, "--what-if", Kind.VALUE), false, false)),
      Map.entry("go", go()),
      Map.entry("cargo", new Table(opts("--manifest-path", Kind.READ, "--target-dir", Kind.WRITE,
          "--artifact-dir", Kind.WRITE, "--out-dir", Kind.WRITE, "--config", Kind.REFUSE_VALUE,
          "-C", Kind.REFUSE_VALUE, "-p", Kind.VALUE, "--package", Kind.VALUE, "-j", Kind.VALUE, "--jobs", Kind.VALUE,
          "-F", Kind.VALUE, "--features", Kind.VALUE, "--target", Kind.VALUE, "-Z", Kind.VALUE), false, false)),
      Map.entry("bash", shell()), Map.entry("sh", shell()), Map.entry("zsh", shell()), Map.entry("dash", shell()),
      Map.entry("ksh", shell()),
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

  /** git's options after a subcommand, where {@code -c} and {@code -C} are the subcommand's own flags. */
  private static final Table GIT_SUBCOMMAND = new Table(gitOptions(false), false, false);

  /**
   * git's options. {@code -C}, {@code -c}, {@code --git-dir}, {@code --work-tree}, {@code --exec-path}
   * and {@code --config-env} change which repository, configuration or programs git uses; the global
   * {@code -C} and {@code -c} exist only before the subcommand ({@code git switch -c} creates a branch).
   */
  private static Map<String, Kind> gitOptions(boolean global) {
    Map<String, Kind> m = new java.util.HashMap<>(opts(
        "--output", Kind.WRITE,
        "--git-dir", Kind.REFUSE_VALUE, "--work-tree", Kind.REFUSE_VALUE, "--exec-path", Kind.REFUSE_VALUE,
        "--upload-pack", Kind.REFUSE_VALUE, "--receive-pack", Kind.REFUSE_VALUE, "--ext-diff", Kind.REFUSE,
        "--config-env", Kind.REFUSE_VALUE));
    if (global) {
      m.put("-C", Kind.REFUSE_VALUE);
      m.put("-c", Kind.REFUSE_VALUE);
    }
    return Map.copyOf(m);
  }

  private static Map<String, Kind> opts(Object... pairs) {
    Map<String, Kind> out = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return Map.copyOf(out);
  }

  /** Whether {@code program} has an option table. */
  static boolean known(String program) {
    return TABLES.containsKey(program);
  }

  private static Table interpreter(String codeOption) {
    return new Table(opts(codeOption, Kind.CODE, "-m", Kind.CODE, "-W", Kind.VALUE, "-X", Kind.VALUE,
        "-r", Kind.READ, "--require", Kind.READ, "-I", Kind.VALUE), false, false);
  }

  private static Table shell() {
    return new Table(opts("-s", Kind.STDIN, "-i", Kind.STDIN, "-o", Kind.VALUE, "-O", Kind.VALUE,
        "--rcfile", Kind.REFUSE_VALUE, "--init-file", Kind.REFUSE_VALUE), false, false);
  }

  private static Table gradle() {
    return new Table(opts("-I", Kind.REFUSE_VALUE, "--init-script", Kind.REFUSE_VALUE, "-c", Kind.REFUSE_VALUE,
        "--settings-file", Kind.REFUSE_VALUE, "-g", Kind.REFUSE_VALUE, "--gradle-user-home", Kind.REFUSE_VALUE,
        "-p", Kind.READ, "--project-dir", Kind.READ, "-b", Kind.READ, "--build-file", Kind.READ, "-D", Kind.VALUE,
        "-P", Kind.VALUE, "-x", Kind.VALUE), false, false);
  }

  /** go's flags: one dash or two, and never clustered. */
  private static Table go() {
    Map<String, Kind> m = new java.util.HashMap<>();
    Map<String, Kind> one = opts("-C", Kind.REFUSE_VALUE, "-exec", Kind.REFUSE_VALUE, "-toolexec", Kind.REFUSE_VALUE,
        "-o", Kind.WRITE, "-modfile", Kind.READ, "-overlay", Kind.READ, "-pgo", Kind.READ,
        "-coverprofile", Kind.WRITE, "-cpuprofile", Kind.WRITE, "-memprofile", Kind.WRITE,
        "-blockprofile", Kind.WRITE, "-mutexprofile", Kind.WRITE, "-trace", Kind.WRITE, "-outputdir", Kind.WRITE,
        "-run", Kind.VALUE, "-bench", Kind.VALUE, "-count", Kind.VALUE, "-timeout", Kind.VALUE,
        "-tags", Kind.VALUE, "-p", Kind.VALUE, "-parallel", Kind.VALUE, "-ldflags", Kind.VALUE,
        "-gcflags", Kind.VALUE, "-mod", Kind.VALUE, "-covermode", Kind.VALUE, "-coverpkg", Kind.VALUE);
    one.forEach((k, v) -> {
      m.put(k, v);
      m.put("-" + k, v);
    });
    return new Table(Map.copyOf(m), true, false);
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
    /** Operands judged as reads whatever the rule says (cp sources). */
    final List<Item> readOperands = new ArrayList<>();
    /** Words that are search patterns: neither paths nor mentions. */
    final List<Word> patterns = new ArrayList<>();
    /**
     * Values of options the table does not know ({@code --name=value}): judged as operands are, but never
     * in an operand's place (the pattern of grep, the script of sed, the destination of cp). Moved to
     * the end of {@link #operands} once those places are taken.
     */
    private @Nullable List<Item> optionOperands;

    private void optionOperand(Item item) {
      if (optionOperands == null) {
        optionOperands = new ArrayList<>(2);
      }
      optionOperands.add(item);
    }
    boolean writesOperands;
    boolean writesSomewhere;
    boolean hasScriptOrCode;
    boolean readsStdin;
    boolean hasPattern;
    boolean hasTarget;
  }

  /**
   * Classifies {@code argv} from index {@code start} for {@code program}.
   */
  static Scan scan(String program, List<Word> argv, int start) {
    return scan(program, argv, start, false);
  }

  /**
   * As {@link #scan(String, List, int)}; {@code afterSubcommand} says the scan starts after a subcommand
   * ({@code git switch ...}), where git's global-only options {@code -c} and {@code -C} mean something
   * else ({@code git switch -c branch}, {@code git log -C}) and are plain flags.
   */
  static Scan scan(String program, List<Word> argv, int start, boolean afterSubcommand) {
    Table table = afterSubcommand && program.equals("git") ? GIT_SUBCOMMAND : TABLES.get(program);
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
        boolean abbreviated = false;
        if (kind == null && !table.singleDashLong()) {
          kind = abbreviation(table, name);
          abbreviated = kind != null;
          if (kind == Kind.REFUSE && !table.options().containsKey(name)) {
            scan.refusals.add(name + " (an ambiguous abbreviation)");
            continue;
          }
        }
        if (kind == null) {
          if (eq > 0) {
            scan.optionOperand(new Item(w, v.substring(eq + 1), Kind.VALUE));
          }
          continue;
        }
        String value = eq > 0 ? v.substring(eq + 1) : null;
        if (kind.takesValue && value == null && i + 1 < argv.size()) {
          w = argv.get(++i);
          value = w.value();
          if (abbreviated) {
            // The name may be a real option the table does not list (curl --netrc is not --netrc-file), which
            // takes no value: the next word is then an operand. Judge it both ways.
            scan.operands.add(new Item(w, value, Kind.VALUE));
          }
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
    if (table != null && !scan.operands.isEmpty()) {
      switch (table.layout()) {
        case SCRIPT_FIRST -> {
          if (!scan.hasScriptOrCode) {
            Item script = scan.operands.remove(0);
            scan.values.add(new Item(script.word(), script.value(), Kind.CODE));
            scan.hasScriptOrCode = true;
          }
        }
        case PATTERN_FIRST -> {
          if (!scan.hasPattern) {
            scan.patterns.add(scan.operands.remove(0).word());
          }
        }
        case LAST_IS_TARGET -> {
          int sources = scan.hasTarget ? scan.operands.size() : scan.operands.size() - 1;
          for (int k = 0; k < sources; k++) {
            scan.readOperands.add(scan.operands.remove(0));
          }
        }
        case PLAIN -> { }
      }
    }
    if (scan.optionOperands != null) {
      scan.operands.addAll(scan.optionOperands);
    }
    return scan;
  }

  /**
   * Long options may be abbreviated to any unambiguous prefix (getopt_long, git, npm, curl all accept
   * {@code --outp} for {@code --output}): the option a prefix stands for, {@link Kind#REFUSE} if it could
   * stand for several, or {@code null} if for none.
   */
  private static @Nullable Kind abbreviation(Table table, String name) {
    if (!name.startsWith("--") || name.length() < 3) {
      return null;
    }
    Kind found = null;
    String foundName = null;
    for (Map.Entry<String, Kind> opt : table.options().entrySet()) {
      String full = opt.getKey();
      if (full.startsWith("--") && full.startsWith(name)) {
        if (found != null && found != opt.getValue()) {
          return Kind.REFUSE;
        }
        found = opt.getValue();
        foundName = full;
      }
    }
    return foundName == null ? null : found;
  }

  private static void genericOption(Scan scan, Word w, String v) {
    int eq = v.indexOf('=');
    if (v.startsWith("--") && eq > 2) {
      scan.optionOperand(new Item(w, v.substring(eq + 1), Kind.VALUE));
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
      case STDIN -> scan.readsStdin = true;
      case PATTERN -> {
        scan.hasPattern = true;
        scan.patterns.add(w);
      }
      case PATTERN_FILE -> {
        scan.hasPattern = true;
        if (value != null) {
          scan.values.add(new Item(w, value, Kind.READ));
        }
      }
      case TARGET -> {
        scan.hasTarget = true;
        if (value != null) {
          scan.values.add(new Item(w, value, Kind.WRITE));
        }
      }
      case REGEX -> {
        if (value != null) {
          scan.values.add(new Item(w, regexAsWildcard(value), Kind.REGEX));
        }
      }
      case WRITE_OUT -> {
        if (value != null && value.contains("%output{")) {
          scan.refusals.add(name + " with %output{…}");
        }
      }
      case WRITES_SOMEWHERE -> scan.writesSomewhere = true;
      case REFUSE, REFUSE_VALUE -> scan.refusals.add(name);
      case VALUE, FLAG -> { }
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
   * A wildcard that selects at least what a path regex selects, for checking it against sensitive
   * names: {@code .*} and {@code .+} become {@code *}, {@code .} becomes {@code ?}, {@code \.} a dot.
   */
  static String regexAsWildcard(String regex) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        sb.append(regex.charAt(++i));
      } else if (c == '.' && i + 1 < regex.length() && (regex.charAt(i + 1) == '*' || regex.charAt(i + 1) == '+')) {
        sb.append('*');
        i++;
      } else if (c == '.') {
        sb.append('?');
      } else if (c != '^' && c != '$') {
        sb.append(c);
      }
    }
    return sb.toString();
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
      if (c == ':' || c == 'b' || c == 't' || c == 'T') {
        // A label: skip it to the end of the command.
        i++;
        while (i < n && script.charAt(i) != ';' && script.charAt(i) != '\n') {
          i++;
        }
        continue;
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
