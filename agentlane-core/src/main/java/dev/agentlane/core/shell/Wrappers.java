package dev.agentlane.core.shell;

import dev.agentlane.core.shell.Parser.Arg;
import dev.agentlane.core.shell.SimpleCommand.Origin;
import dev.agentlane.core.shell.SimpleCommand.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns one parsed simple command into the commands it really runs: the command itself and,
 * for wrappers, the command or script they run, recursively.
 *
 * <p>Not thread-safe; used by one {@link Parser} during one parse.
 *
 * <p>Recognised (by the last path component of an unexpanded program word):
 *
 * <ul>
 *   <li>exec wrappers, yielded as {@link Role#WRAPPER} with their own options, then the wrapped
 *       command at depth + 1 with origin {@link Origin#WRAPPED}: {@code sudo}, {@code doas},
 *       {@code env}, {@code nohup}, {@code nice}, {@code ionice}, {@code timeout}, {@code time},
 *       {@code command}, {@code exec}, {@code builtin}, {@code stdbuf}, {@code setsid}, {@code
 *       chroot}, {@code flock}, {@code unbuffer}, {@code caffeinate}, {@code busybox}, {@code
 *       toybox}; and {@code xargs} (origin {@link Origin#XARGS}; no command means {@code echo});
 *   <li>script runners, yielded as {@link Role#WRAPPER} with their whole argv, then the commands
 *       of the script with origin {@link Origin#NESTED_SCRIPT}: {@code bash}, {@code sh}, {@code
 *       zsh}, {@code dash}, {@code ksh}, {@code mksh}, {@code ash}, {@code posh}, {@code yash}
 *       with {@code -c}; {@code eval}; {@code su}/{@code runuser} with {@code -c}; {@code watch}
 *       (its arguments joined, unless {@code -x}); {@code flock FILE -c}; {@code trap ACTION
 *       SIGNAL...}.
 *   <li>{@code find} with {@code -exec}, {@code -execdir}, {@code -ok}, {@code -okdir}: find is
 *       an ordinary command with its whole argv, each inner command follows with origin {@link
 *       Origin#FIND_EXEC}.
 * </ul>
 *
 * <p>An option a wrapper does not know is rejected, never skipped: guessing where the wrapped
 * command starts is exactly what an attacker would exploit. So is an unquoted expansion among a
 * wrapper's options, since word splitting could turn it into several words. A script whose text
 * is {@link Word#expanded() expanded} is rejected. Words containing the {@code xargs -I}
 * replacement string or find's {@code {}} are marked expanded, since they are filled in at
 * runtime.
 */
final class Wrappers {

  /** The options a wrapper accepts, getopt style. */
  private record Spec(
      String flags,
      String withArg,
      String optionalArg,
      Set<String> longFlags,
      Set<String> longWithArg,
      Set<String> longOptionalArg,
      boolean numericOption) {

    static Spec none() {
      return new Spec("", "", "", Set.of(), Set.of(), Set.of(), false);
    }
  }

  /** The options seen, keyed {@code -x} or {@code --name}, and where the operands start. */
  private static final class Options {
    final Map<String, Arg> seen = new HashMap<>();
    int next;

    boolean has(String... keys) {
      for (String k : keys) {
        if (seen.containsKey(k)) {
          return true;
        }
      }
      return false;
    }

    @Nullable Arg get(String... keys) {
      for (String k : keys) {
        Arg a = seen.get(k);
        if (a != null) {
          return a;
        }
      }
      return null;
    }
  }

  private static final Spec SUDO = new Spec("AbBEHiknPSslvVK", "CDgpRrtTUu", "",
      Set.of("--askpass", "--background", "--bell", "--set-home", "--login",
          "--reset-timestamp", "--remove-timestamp", "--list", "--non-interactive",
          "--preserve-groups", "--stdin", "--shell", "--version", "--validate"),
      Set.of("--chdir", "--close-from", "--group", "--host", "--prompt", "--chroot", "--role",
          "--type", "--command-timeout", "--other-user", "--user"),
      Set.of("--preserve-env"), false);
  private static final Spec DOAS = new Spec("Lns", "Cu", "", Set.of(), Set.of(), Set.of(), false);
  private static final Spec ENV = new Spec("0iv", "uC", "",
      Set.of("--ignore-environment", "--null", "--debug", "--list-signal-handling"),
      Set.of("--unset", "--chdir"),
      Set.of("--block-signal", "--default-signal", "--ignore-signal"), false);
  private static final Spec NICE = new Spec("", "n", "", Set.of(), Set.of("--adjustment"),
      Set.of(), true);
  private static final Spec IONICE = new Spec("t", "cn", "", Set.of("--ignore"),
      Set.of("--class", "--classdata"), Set.of(), false);
  private static final Spec TIMEOUT = new Spec("fvp", "ks", "",
      Set.of("--foreground", "--verbose", "--preserve-status"),
      Set.of("--kill-after", "--signal"), Set.of(), false);
  private static final Spec TIME = new Spec("pvaq", "fo", "",
      Set.of("--portability", "--verbose", "--append", "--quiet"),
      Set.of("--format", "--output"), Set.of(), false);
  private static final Spec COMMAND = new Spec("pvV", "", "", Set.of(), Set.of(), Set.of(),
      false);
  private static final Spec EXEC = new Spec("cl", "a", "", Set.of(), Set.of(), Set.of(), false);
  private static final Spec STDBUF = new Spec("", "ioe", "", Set.of(),
      Set.of("--input", "--output", "--error"), Set.of(), false);
  private static final Spec SETSID = new Spec("cfw", "", "",
      Set.of("--ctty", "--fork", "--wait"), Set.of(), Set.of(), false);
  private static final Spec CHROOT = new Spec("", "", "", Set.of("--skip-chdir"),
      Set.of("--userspec", "--groups"), Set.of(), false);
  private static final Spec WATCH = new Spec("bcCdegtxprw", "nq", "",
      Set.of("--beep", "--color", "--no-color", "--errexit", "--chgexit", "--no-title",
          "--exec", "--precise", "--no-rerun", "--no-wrap"),
      Set.of("--interval", "--equexit"), Set.of("--differences"), false);
  private static final Spec FLOCK = new Spec("sxeunoFv", "wE", "",
      Set.of("--shared", "--exclusive", "--unlock", "--nonblock", "--nb", "--close",
          "--no-fork", "--verbose"),
      Set.of("--wait", "--timeout", "--conflict-exit-code"), Set.of(), false);
  private static final Spec UNBUFFER = new Spec("p", "", "", Set.of(), Set.of(), Set.of(),
      false);
  private static final Spec CAFFEINATE = new Spec("disum", "tw", "", Set.of(), Set.of(),
      Set.of(), false);
  private static final Spec XARGS = new Spec("0rtpxo", "adEILnPsJRS", "eil",
      Set.of("--null", "--no-run-if-empty", "--verbose", "--interactive", "--exit",
          "--open-tty", "--show-limits"),
      Set.of("--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-chars",
          "--process-slot-var"),
      Set.of("--eof", "--replace", "--max-lines"), false);
  private static final Spec SHELL = new Spec("abcefhiklmnprstuvxBCDEHIPTV", "oO", "",
      Set.of("--norc", "--noprofile", "--login", "--posix", "--restricted", "--verbose",
          "--noediting", "--debugger", "--dump-strings", "--dump-po-strings", "--protected",
          "--no-rcs"),
      Set.of("--rcfile", "--init-file", "--emulate"), Set.of(), false);
  private static final Spec SU = new Spec("lmpfP", "csgGw", "",
      Set.of("--login", "--preserve-environment", "--fast", "--pty"),
      Set.of("--command", "--session-command", "--shell", "--group", "--supp-group",
          "--whitelist-environment"), Set.of(), false);

  /** Programs run by a shell with {@code -c}. */
  private static final Set<String> SHELLS =
      Set.of("bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "posh", "yash");

  /** Shells whose script language is not POSIX: {@code -c} is rejected for them. */
  private static final Set<String> FOREIGN_SHELLS = Set.of("fish", "csh", "tcsh", "nu", "xonsh");

  /**
   * Builtins that evaluate an argument as a variable name, where an array subscript is an
   * arithmetic expression and {@code a[$(cmd)]} runs {@code cmd} even from a quoted literal.
   */
  private static final Set<String> NAME_TAKING_BUILTINS =
      Set.of("test", "[", "printf", "read", "declare", "typeset", "local", "export", "readonly",
          "unset", "let", "mapfile", "readarray", "wait", "shift", "getopts");

  /** Builtins whose NAME=value arguments set shell variables. */
  private static final Set<String> DECLARING_BUILTINS =
      Set.of("export", "declare", "typeset", "local", "readonly");

  /** Variables whose value the shell expands later, running any substitution in it. */
  private static final Set<String> PROMPT_VARIABLES =
      Set.of("PS0", "PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND");

  private static final Set<String> FIND_ACTIONS = Set.of("-exec", "-execdir", "-ok", "-okdir");

  private final Parser.Budget budget;

  Wrappers(Parser.Budget budget) {
    this.budget = budget;
  }

  /**
   * Emits the command {@code argv} and everything it runs into {@code out}.
   *
   * @param argv the words of the command; not empty
   * @param assignments its leading assignments
   * @param redirections its redirections, inherited by whatever it runs
   * @param origin its origin
   * @param depth its depth
   * @param out the list receiving the commands, in order
   */
  void emit(List<Arg> argv, List<String> assignments, List<Redirection> redirections,
            Origin origin, int depth, List<SimpleCommand> out) throws ShellSyntaxException {
    Arg program = argv.get(0);
    String name = program.expanded() ? "" : basename(program.value());
    checkSubscripts(name, argv);
    checkPromptVariables(name, argv, assignments);
    Invocation call = new Invocation(argv, assignments, redirections, origin, depth, out);
    switch (name) {
      case "sudo" -> {
        Options o = options(call, 1, SUDO, false);
        if (o.has("-e")) {
          throw reject("'sudo -e' (sudoedit) is not supported", program);
        }
        List<String> taken = takeAssignments(call, o.next);
        call.wrap(o.next + taken.size(), taken);
      }
      case "doas" -> call.wrap(options(call, 1, DOAS, false).next, List.of());
      case "env" -> {
        Options o = options(call, 1, ENV, false);
        if (o.has("-S", "--split-string")) {
          throw reject("'env -S' is not supported", program);
        }
        int i = o.next;
        if (i < argv.size() && argv.get(i).value().equals("-") && !argv.get(i).expanded()) {
          i++; // a lone '-' means -i
        }
        List<String> taken = takeAssignments(call, i);
        call.wrap(i + taken.size(), taken);
      }
      case "nohup", "builtin", "busybox", "toybox" ->
          call.wrap(options(call, 1, Spec.none(), false).next, List.of());
      case "nice" -> call.wrap(options(call, 1, NICE, false).next, List.of());
      case "ionice" -> call.wrap(options(call, 1, IONICE, false).next, List.of());
      case "time" -> call.wrap(options(call, 1, TIME, false).next, List.of());
      case "exec" -> call.wrap(options(call, 1, EXEC, false).next, List.of());
      case "stdbuf" -> call.wrap(options(call, 1, STDBUF, false).next, List.of());
      case "setsid" -> call.wrap(options(call, 1, SETSID, false).next, List.of());
      case "unbuffer" -> call.wrap(options(call, 1, UNBUFFER, false).next, List.of());
      case "caffeinate" -> call.wrap(options(call, 1, CAFFEINATE, false).next, List.of());
      case "timeout" -> call.wrap(operand(call, options(call, 1, TIMEOUT, false).next),
          List.of());
      case "chroot" -> call.wrap(operand(call, options(call, 1, CHROOT, false).next), List.of());
      case "command" -> {
        Options o = options(call, 1, COMMAND, false);
        if (o.has("-v", "-V")) {
          call.plain(); // only describes the command
        } else {
          call.wrap(o.next, List.of());
        }
      }
      case "flock" -> flock(call);
      case "watch" -> watch(call);
      case "xargs" -> xargs(call);
      case "find" -> find(call);
      case "eval" -> eval(call);
      case "trap" -> trap(call);
      case "su", "runuser" -> su(call, name);
      default -> {
        if (SHELLS.contains(name)) {
          shell(call, name);
        } else if (FOREIGN_SHELLS.contains(name) && hasCommandOption(argv)) {
          throw reject("'" + name + " -c' scripts are not supported", program);
        } else {
          call.plain();
        }
      }
    }
  }

  /** One command being analysed, with the means to emit it and what it wraps. */
  private final class Invocation {
    final List<Arg> argv;
    final List<String> assignments;
    final List<Redirection> redirections;
    final Origin origin;
    final int depth;
    final List<SimpleCommand> out;

    Invocation(List<Arg> argv, List<String> assignments, List<Redirection> redirections,
               Origin origin, int depth, List<SimpleCommand> out) {
      this.argv = argv;
      this.assignments = assignments;
      this.redirections = redirections;
      this.origin = origin;
      this.depth = depth;
      this.out = out;
    }

    Arg program() {
      return argv.get(0);
    }

    String name() {
      return basename(program().value());
    }

    /** Emits the command as an ordinary command with all its words. */
    void plain() throws ShellSyntaxException {
      add(argv, Role.COMMAND);
    }

    /** Emits {@code argv[0..from)} as a wrapper, then {@code argv[from..]} as wrapped. */
    void wrap(int from, List<String> wrappedAssignments) throws ShellSyntaxException {
      if (from >= argv.size()) {
        plain();
        return;
      }
      add(argv.subList(0, from), Role.WRAPPER);
      nested(from);
      emit(argv.subList(from, argv.size()), wrappedAssignments, redirections, Origin.WRAPPED,
          depth + 1, out);
    }

    /** Emits the whole command as a wrapper, then the commands of {@code script}. */
    void script(String script, Arg word) throws ShellSyntaxException {
      add(argv, Role.WRAPPER);
      nested(0);
      Parser inner = new Parser(script, 0, budget);
      try {
        out.addAll(inner.parseScript(depth + 1, Origin.NESTED_SCRIPT));
      } catch (ShellSyntaxException e) {
        throw new ShellSyntaxException("in the script run by '" + name() + "': " + e.reason()
            + " (script offset " + e.offset() + ")", word.offset());
      }
    }

    void nested(int at) throws ShellSyntaxException {
      if (depth + 1 > budget.maxDepth) {
        throw reject("nesting deeper than " + budget.maxDepth + " levels",
            argv.get(Math.min(at, argv.size() - 1)));
      }
    }

    void add(List<Arg> words, Role role) throws ShellSyntaxException {
      budget.countCommand(words.get(0).offset());
      out.add(new SimpleCommand(words.stream().map(Arg::word).toList(), assignments,
          redirections, role, origin, depth));
    }
  }

  // ---------------------------------------------------------------------------------------
  // Special cases

  private void shell(Invocation call, String name) throws ShellSyntaxException {
    Options o = options(call, 1, SHELL, true);
    if (!o.has("-c", "+c")) {
      call.plain(); // a script file, or commands read from stdin: an ordinary command
      return;
    }
    if (o.next >= call.argv.size()) {
      throw reject("'" + name + " -c' without a script", call.program());
    }
    Arg script = call.argv.get(o.next);
    requireLiteralScript(script, name + " -c");
    call.script(script.value(), script);
  }

  private void eval(Invocation call) throws ShellSyntaxException {
    List<Arg> args = call.argv.subList(1, call.argv.size());
    if (args.isEmpty()) {
      call.plain();
      return;
    }
    for (Arg a : args) {
      requireLiteralScript(a, "eval");
    }
    call.script(joined(args), args.get(0));
  }

  /** {@code trap ACTION SIGNAL...}: the action is a script the shell runs later. */
  private void trap(Invocation call) throws ShellSyntaxException {
    List<Arg> argv = call.argv;
    if (argv.size() < 3 || argv.get(1).value().startsWith("-")) {
      call.plain(); // listing, printing or resetting handlers
      return;
    }
    Arg action = argv.get(1);
    requireLiteralScript(action, "trap");
    call.script(action.value(), action);
  }

  private void su(Invocation call, String name) throws ShellSyntaxException {
    Options all = new Options();
    int i = 1;
    boolean user = false;
    while (i < call.argv.size()) {
      Options o = options(call, i, SU, false);
      all.seen.putAll(o.seen);
      i = o.next;
      if (i < call.argv.size()) {
        Arg a = call.argv.get(i);
        if (a.splittable()) {
          throw reject("unquoted expansion in the arguments of '" + name + "'", a);
        }
        if (!a.value().equals("-")) {
          if (user) {
            throw reject("extra arguments to '" + name + "' are not supported", a);
          }
          user = true;
        }
        i++;
      }
    }
    Arg script = all.get("-c", "--command", "--session-command");
    if (script == null) {
      call.plain(); // an interactive shell
      return;
    }
    if (all.has("-s", "--shell")) {
      throw reject("'" + name + " -s SHELL -c' is not supported", call.program());
    }
    requireLiteralScript(script, name + " -c");
    call.script(script.value(), script);
  }

  private void flock(Invocation call) throws ShellSyntaxException {
    int i = operand(call, options(call, 1, FLOCK, false).next);
    List<Arg> argv = call.argv;
    if (i < argv.size() && !argv.get(i).expanded()
        && (argv.get(i).value().equals("-c") || argv.get(i).value().equals("--command"))) {
      if (i + 1 >= argv.size()) {
        throw reject("'flock -c' without a script", argv.get(i));
      }
      if (i + 2 < argv.size()) {
        throw reject("extra arguments after 'flock -c' are not supported", argv.get(i + 2));
      }
      Arg script = argv.get(i + 1);
      requireLiteralScript(script, "flock -c");
      call.script(script.value(), script);
      return;
    }
    call.wrap(i, List.of());
  }

  private void watch(Invocation call) throws ShellSyntaxException {
    Options o = options(call, 1, WATCH, false);
    if (o.has("-x", "--exec") || o.next >= call.argv.size()) {
      call.wrap(o.next, List.of());
      return;
    }
    List<Arg> args = call.argv.subList(o.next, call.argv.size());
    for (Arg a : args) {
      requireLiteralScript(a, "watch");
    }
    call.script(joined(args), args.get(0)); // watch runs its arguments with 'sh -c'
  }

  private void xargs(Invocation call) throws ShellSyntaxException {
    Options o = options(call, 1, XARGS, false);
    @Nullable String replace = null;
    Arg r = o.get("-I", "-J");
    if (r != null) {
      replace = r.value();
    } else {
      r = o.get("-i", "--replace");
      if (r != null) {
        replace = r.value().isEmpty() ? "{}" : r.value();
      }
    }
    List<Arg> wrapped = new ArrayList<>();
    if (o.next >= call.argv.size()) {
      wrapped.add(new Arg(Word.literal("echo"), false, call.program().offset()));
    } else {
      for (Arg a : call.argv.subList(o.next, call.argv.size())) {
        wrapped.add(replace != null && !replace.isEmpty() && a.value().contains(replace)
            ? new Arg(new Word(a.value(), true), a.splittable(), a.offset()) : a);
      }
    }
    call.add(call.argv.subList(0, o.next), Role.WRAPPER);
    call.nested(0);
    emit(wrapped, List.of(), call.redirections, Origin.XARGS, call.depth + 1, call.out);
  }

  private void find(Invocation call) throws ShellSyntaxException {
    List<Arg> argv = call.argv;
    for (Arg a : argv.subList(1, argv.size())) {
      if (a.splittable()) {
        throw reject("unquoted expansion in the arguments of 'find'", a);
      }
    }
    call.plain();
    int i = 1;
    while (i < argv.size()) {
      Arg a = argv.get(i);
      if (a.expanded() || !FIND_ACTIONS.contains(a.value())) {
        i++;
        continue;
      }
      List<Arg> inner = new ArrayList<>();
      int j = i + 1;
      while (true) {
        if (j >= argv.size()) {
          throw reject("'find " + a.value() + "' without a terminating ';' or '+'", a);
        }
        Arg w = argv.get(j);
        boolean literal = !w.expanded();
        if (literal && (w.value().equals(";")
            || (w.value().equals("+") && j > i + 1 && argv.get(j - 1).value().equals("{}")))) {
          break;
        }
        inner.add(w.value().contains("{}")
            ? new Arg(new Word(w.value(), true), w.splittable(), w.offset()) : w);
        j++;
      }
      if (inner.isEmpty()) {
        throw reject("'find " + a.value() + "' without a command", a);
      }
      call.nested(i);
      emit(inner, List.of(), call.redirections, Origin.FIND_EXEC, call.depth + 1, call.out);
      i = j + 1;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Helpers

  /**
   * Parses getopt-style options from {@code from}, stopping at the first operand or after
   * {@code --}. Unknown options, missing option arguments and unquoted expansions are rejected.
   */
  private Options options(Invocation call, int from, Spec spec, boolean plusOptions)
      throws ShellSyntaxException {
    List<Arg> argv = call.argv;
    String who = call.name();
    Options o = new Options();
    int i = from;
    while (i < argv.size()) {
      Arg a = argv.get(i);
      String v = a.value();
      boolean option = v.length() > 1 && (v.charAt(0) == '-' || (plusOptions && v.charAt(0) == '+'));
      if (!option) {
        break;
      }
      if (a.splittable()) {
        throw reject("unquoted expansion among the options of '" + who + "'", a);
      }
      if (v.equals("--")) {
        i++;
        break;
      }
      if (v.startsWith("--")) {
        int eq = v.indexOf('=');
        String name = eq < 0 ? v : v.substring(0, eq);
        String attached = eq < 0 ? null : v.substring(eq + 1);
        if (spec.longFlags().contains(name) && attached == null) {
          o.seen.put(name, a);
        } else if (spec.longOptionalArg().contains(name)) {
          o.seen.put(name, derived(a, attached == null ? "" : attached));
        } else if (spec.longWithArg().contains(name)) {
          if (attached != null) {
            o.seen.put(name, derived(a, attached));
          } else {
            i++;
            o.seen.put(name, optionArgument(argv, i, name, who, a));
          }
        } else {
          throw reject("unknown option '" + name + "' for '" + who + "'", a);
        }
        i++;
        continue;
      }
      if (spec.numericOption() && v.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
        o.seen.put("-N", a);
        i++;
        continue;
      }
      for (int j = 1; j < v.length(); j++) {
        char c = v.charAt(j);
        String key = v.charAt(0) + String.valueOf(c);
        if (spec.flags().indexOf(c) >= 0) {
          o.seen.put(key, a);
        } else if (spec.withArg().indexOf(c) >= 0) {
          if (j + 1 < v.length()) {
            o.seen.put(key, derived(a, v.substring(j + 1)));
          } else {
            i++;
            o.seen.put(key, optionArgument(argv, i, key, who, a));
          }
          break;
        } else if (spec.optionalArg().indexOf(c) >= 0) {
          o.seen.put(key, derived(a, v.substring(j + 1)));
          break;
        } else {
          throw reject("unknown option '" + key + "' for '" + who + "'", a);
        }
      }
      i++;
    }
    o.next = i;
    return o;
  }

  private static Arg derived(Arg from, String value) {
    return new Arg(new Word(value, from.expanded()), from.splittable(), from.offset());
  }

  private Arg optionArgument(List<Arg> argv, int i, String option, String who, Arg optionWord)
      throws ShellSyntaxException {
    if (i >= argv.size()) {
      throw reject("option '" + option + "' of '" + who + "' needs an argument", optionWord);
    }
    Arg a = argv.get(i);
    if (a.splittable()) {
      throw reject("unquoted expansion among the options of '" + who + "'", a);
    }
    return a;
  }

  /** Skips one required operand (timeout's DURATION, chroot's NEWROOT, flock's FILE). */
  private int operand(Invocation call, int i) throws ShellSyntaxException {
    if (i >= call.argv.size()) {
      return i;
    }
    Arg a = call.argv.get(i);
    if (a.splittable()) {
      throw reject("unquoted expansion in the arguments of '" + call.name() + "'", a);
    }
    return i + 1;
  }

  /** The {@code NAME=value} words {@code env} and {@code sudo} take before the command. */
  private List<String> takeAssignments(Invocation call, int from) throws ShellSyntaxException {
    List<String> taken = new ArrayList<>();
    for (int i = from; i < call.argv.size(); i++) {
      Arg a = call.argv.get(i);
      if (a.expanded() || !a.value().contains("=")) {
        break;
      }
      taken.add(a.value());
    }
    return taken;
  }

  private void requireLiteralScript(Arg script, String who) throws ShellSyntaxException {
    if (script.expanded()) {
      throw reject("the script given to '" + who + "' is expanded at runtime and cannot be"
          + " checked", script);
    }
  }

  private static boolean hasCommandOption(List<Arg> argv) {
    for (Arg a : argv.subList(1, argv.size())) {
      String v = a.value();
      if (v.startsWith("-") && !v.startsWith("--") && v.indexOf('c') > 0) {
        return true;
      }
    }
    return false;
  }

  private void checkSubscripts(String name, List<Arg> argv) throws ShellSyntaxException {
    if (!NAME_TAKING_BUILTINS.contains(name)) {
      return;
    }
    for (Arg a : argv.subList(1, argv.size())) {
      String v = a.value();
      if (v.indexOf('[') >= 0 && (v.contains("$(") || v.contains("`") || v.contains("${"))) {
        throw reject("an array subscript with a substitution in the arguments of '" + name
            + "' can run commands", a);
      }
    }
  }

  /**
   * Rejects setting a prompt variable to text with a substitution: bash expands {@code PS4} for
   * {@code set -x} (and the others in interactive shells), running the substitution later.
   */
  private void checkPromptVariables(String name, List<Arg> argv, List<String> assignments)
      throws ShellSyntaxException {
    List<String> candidates = new ArrayList<>(assignments);
    if (DECLARING_BUILTINS.contains(name) || name.equals("env")) {
      for (Arg a : argv.subList(1, argv.size())) {
        candidates.add(a.value());
      }
    }
    for (String c : candidates) {
      int eq = c.indexOf('=');
      if (eq > 0 && PROMPT_VARIABLES.contains(c.substring(0, eq).replace("+", ""))
          && (c.contains("$(") || c.contains("`") || c.contains("${"))) {
        throw reject("setting " + c.substring(0, eq) + " to a substitution is not supported",
            argv.get(0));
      }
    }
  }

  private static String joined(List<Arg> args) {
    StringBuilder sb = new StringBuilder();
    for (Arg a : args) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(a.value());
    }
    return sb.toString();
  }

  static String basename(String program) {
    int slash = program.lastIndexOf('/');
    return slash < 0 ? program : program.substring(slash + 1);
  }

  private static ShellSyntaxException reject(String reason, Arg at) {
    return new ShellSyntaxException(reason, at.offset());
  }
}
