package dev.agentlane.core.shell;

import dev.agentlane.core.shell.SimpleCommand.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The recursive-descent parser behind {@link ShellParser}: a lexer and a grammar over one cursor.
 *
 * <p>Not thread-safe: one instance parses one text once. {@link ShellParser} creates a fresh
 * instance per call, and a fresh instance for each nested text (backquotes, {@code bash -c}
 * scripts), all sharing one {@link Budget}.
 *
 * <p>Grammar (a subset of the POSIX shell grammar):
 *
 * <pre>
 * list     := and_or ((';' | '&amp;' | NEWLINE) and_or?)*
 * and_or   := pipeline (('&amp;&amp;' | '||') NEWLINE* pipeline)*
 * pipeline := '!'? command (('|' | '|&amp;') NEWLINE* command)*
 * command  := '(' list ')' redirection* | '{' list '}' redirection* | simple
 * simple   := (assignment | redirection)* (word | redirection)*
 * </pre>
 *
 * <p>Words are lexed eagerly: the commands of a substitution inside a word are parsed when the
 * word is read, and travel with the word until the command it belongs to is emitted. Recursion
 * happens only when entering a nested construct, and every such entry is checked against the
 * depth limit first.
 */
final class Parser {

  /** Limits and counters shared by the parser of a line and the parsers of its nested texts. */
  static final class Budget {
    final int maxDepth;
    final int maxCommands;
    private int commands;

    Budget(int maxDepth, int maxCommands) {
      this.maxDepth = maxDepth;
      this.maxCommands = maxCommands;
    }

    /** Counts one more yielded command. */
    void countCommand(int offset) throws ShellSyntaxException {
      if (++commands > maxCommands) {
        throw new ShellSyntaxException("more than " + maxCommands + " commands", offset);
      }
    }
  }

  /** Reserved words that open or belong to compound commands this parser does not support. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case",
          "esac", "select", "function", "coproc", "[[", "]]", "{", "}");

  private enum Kind {
    WORD,
    OP,
    REDIR,
    NEWLINE,
    EOF
  }

  /** One token; words carry their lexed content. */
  private static final class Token {
    final Kind kind;
    final String text;
    final int offset;
    final @Nullable WordDraft word;

    Token(Kind kind, String text, int offset, @Nullable WordDraft word) {
      this.kind = kind;
      this.text = text;
      this.offset = offset;
      this.word = word;
    }

    boolean is(Kind k, String t) {
      return kind == k && text.equals(t);
    }

    /** Whether this is an unquoted word spelled exactly {@code raw}. */
    boolean isBare(String raw) {
      return kind == Kind.WORD && text.equals(raw);
    }

    WordDraft word() {
      if (word == null) {
        throw new IllegalStateException("not a word: " + text);
      }
      return word;
    }
  }

  /** A word being lexed: its value, flags and the commands found in its substitutions. */
  static final class WordDraft {
    final int start;
    final StringBuilder value = new StringBuilder();
    /** The runtime value may differ from {@code value}. */
    boolean expanded;
    /** The word may split into several words at runtime (unquoted expansion or glob). */
    boolean splittable;
    /** Some part of the word was quoted or escaped. */
    boolean quoted;

    final List<SimpleCommand> children = new ArrayList<>();

    WordDraft(int start) {
      this.start = start;
    }

    Arg toArg(int base) {
      return new Arg(new Word(value.toString(), expanded), splittable, base + start);
    }
  }

  /** A word of a command together with what the wrapper analysis needs to know about it. */
  record Arg(Word word, boolean splittable, int offset) {
    String value() {
      return word.value();
    }

    boolean expanded() {
      return word.expanded();
    }
  }

  /** A pending here-document, registered at its operator and read after the next newline. */
  private record Heredoc(String delimiter, boolean quoted, boolean stripTabs, int afterWord,
                         int offset) {}

  /** A nesting level: the list being parsed, its terminator and its pending here-documents. */
  private static final class Ctx {
    final int depth;
    final Origin origin;
    /** ')' or '}' for a nested list, 0 for a whole text. */
    final char terminator;
    final int open;
    final List<Heredoc> pending = new ArrayList<>();
    /** Commands found in here-document bodies, emitted after the current and-or list. */
    final List<SimpleCommand> late = new ArrayList<>();

    Ctx(int depth, Origin origin, char terminator, int open) {
      this.depth = depth;
      this.origin = origin;
      this.terminator = terminator;
      this.open = open;
    }
  }

  /** A simple command whose words have been read but which has not been emitted yet. */
  private static final class Draft {
    final int offset;
    final List<Arg> argv = new ArrayList<>();
    final List<String> assignments = new ArrayList<>();
    final List<Redirection> redirections = new ArrayList<>();
    final List<SimpleCommand> children = new ArrayList<>();

    Draft(int offset) {
      this.offset = offset;
    }
  }

  /** One element of a pipeline: either a simple command draft or a finished compound command. */
  private record Unit(@Nullable Draft draft, List<SimpleCommand> compound) {}

  private final String src;
  private final int base;
  final Budget budget;
  private int pos;
  private int limit;
  private @Nullable Token pushed;
  private int braceNesting;
  private int newlineFrom = -1;
  private int newlineAt = -1;

  /**
   * Creates a parser for one text.
   *
   * @param src the text
   * @param base the offset of {@code src} in the line given to {@link ShellParser}, for messages
   * @param budget the limits shared with the enclosing parsers
   */
  Parser(String src, int base, Budget budget) {
    this.src = src;
    this.base = base;
    this.budget = budget;
    this.limit = src.length();
  }

  /**
   * Parses the whole text as a list.
   *
   * @param depth the depth of the commands written directly in the text
   * @param origin their origin; {@link Origin#TOP_LEVEL} lets pipelines and background jobs be
   *     told apart
   */
  List<SimpleCommand> parseScript(int depth, Origin origin) throws ShellSyntaxException {
    return parseList(new Ctx(depth, origin, (char) 0, 0));
  }

  ShellSyntaxException error(String reason, int at) {
    return new ShellSyntaxException(reason, base + at);
  }

  // ---------------------------------------------------------------------------------------
  // Grammar

  private List<SimpleCommand> parseList(Ctx ctx) throws ShellSyntaxException {
    List<SimpleCommand> out = new ArrayList<>();
    while (true) {
      Token t = next(ctx);
      if (t.kind == Kind.NEWLINE) {
        readHeredocs(ctx, t.offset);
        flushLate(ctx, out);
        continue;
      }
      if (t.kind == Kind.EOF) {
        if (ctx.terminator != 0) {
          throw error("unterminated " + describe(ctx), ctx.open);
        }
        finishList(ctx, out);
        return out;
      }
      if (t.is(Kind.OP, ")")) {
        if (ctx.terminator != ')') {
          throw error("unexpected ')'", t.offset);
        }
        finishList(ctx, out);
        return out;
      }
      if (t.isBare("}") && ctx.terminator == '}') {
        finishList(ctx, out);
        return out;
      }
      pushed = t;
      List<List<Unit>> andOr = parseAndOr(ctx);
      Token sep = next(ctx);
      boolean background = false;
      if (sep.is(Kind.OP, "&")) {
        background = true;
      } else if (sep.kind == Kind.EOF || sep.is(Kind.OP, ")") || sep.isBare("}")) {
        pushed = sep;
      } else if (!sep.is(Kind.OP, ";") && sep.kind != Kind.NEWLINE) {
        throw error("unexpected '" + sep.text + "'", sep.offset);
      }
      emitAndOr(ctx, andOr, background, out);
      if (sep.kind == Kind.NEWLINE) {
        readHeredocs(ctx, sep.offset);
      }
      flushLate(ctx, out);
    }
  }

  private void finishList(Ctx ctx, List<SimpleCommand> out) throws ShellSyntaxException {
    if (!ctx.pending.isEmpty()) {
      Heredoc h = ctx.pending.get(0);
      throw error("missing here-document terminator '" + h.delimiter() + "'", h.offset());
    }
    flushLate(ctx, out);
  }

  private static void flushLate(Ctx ctx, List<SimpleCommand> out) {
    out.addAll(ctx.late);
    ctx.late.clear();
  }

  private static String describe(Ctx ctx) {
    switch (ctx.origin) {
      case COMMAND_SUBSTITUTION:
        return "command substitution";
      case PROCESS_SUBSTITUTION:
        return "process substitution";
      default:
        return ctx.terminator == '}' ? "group '{'" : "subshell";
    }
  }

  private List<List<Unit>> parseAndOr(Ctx ctx) throws ShellSyntaxException {
    List<List<Unit>> pipelines = new ArrayList<>();
    pipelines.add(parsePipeline(ctx));
    while (true) {
      Token t = next(ctx);
      if (t.is(Kind.OP, "&&") || t.is(Kind.OP, "||")) {
        skipLinebreaks(ctx);
        pipelines.add(parsePipeline(ctx));
      } else {
        pushed = t;
        return pipelines;
      }
    }
  }

  private List<Unit> parsePipeline(Ctx ctx) throws ShellSyntaxException {
    List<Unit> units = new ArrayList<>();
    Token t = next(ctx);
    if (!t.isBare("!")) {
      pushed = t; // '!' only negates the exit status; nothing to record
    }
    units.add(parseCommand(ctx));
    while (true) {
      t = next(ctx);
      if (t.is(Kind.OP, "|") || t.is(Kind.OP, "|&")) {
        skipLinebreaks(ctx);
        units.add(parseCommand(ctx));
      } else {
        pushed = t;
        return units;
      }
    }
  }

  private void skipLinebreaks(Ctx ctx) throws ShellSyntaxException {
    while (true) {
      Token t = next(ctx);
      if (t.kind != Kind.NEWLINE) {
        pushed = t;
        return;
      }
      readHeredocs(ctx, t.offset);
    }
  }

  private Unit parseCommand(Ctx ctx) throws ShellSyntaxException {
    Token t = next(ctx);
    switch (t.kind) {
      case EOF:
        if (ctx.terminator != 0) {
          throw error("unterminated " + describe(ctx), ctx.open);
        }
        throw error("unexpected end of input, expected a command", t.offset);
      case NEWLINE:
        throw error("unexpected newline, expected a command", t.offset);
      case OP:
        if (t.text.equals("(")) {
          return parseCompound(ctx, t, ')');
        }
        throw error("unexpected '" + t.text + "'", t.offset);
      default:
        if (t.isBare("{")) {
          return parseCompound(ctx, t, '}');
        }
        if (t.isBare("}")) {
          throw error("unexpected '}'", t.offset);
        }
        return new Unit(parseSimple(ctx, t), List.of());
    }
  }

  /** A subshell {@code ( ... )} or group {@code { ...; }} and its trailing redirections. */
  private Unit parseCompound(Ctx ctx, Token open, char terminator) throws ShellSyntaxException {
    if (terminator == ')' && at(open.offset + 1) == '(') {
      throw error("arithmetic command '((' is not supported", open.offset);
    }
    Ctx inner = child(ctx, Origin.SUBSHELL, terminator, open.offset);
    List<SimpleCommand> commands = parseList(inner);
    List<Redirection> redirections = new ArrayList<>();
    List<SimpleCommand> children = new ArrayList<>();
    while (true) {
      Token t = next(ctx);
      if (t.kind == Kind.REDIR) {
        redirect(ctx, t, redirections, children);
      } else if (t.kind == Kind.WORD || t.is(Kind.OP, "(")) {
        throw error("unexpected '" + t.text + "' after " + (terminator == ')'
            ? "subshell" : "group"), t.offset);
      } else {
        pushed = t;
        break;
      }
    }
    if (!redirections.isEmpty()) {
      if (commands.isEmpty()) {
        throw error("redirection of a " + (terminator == ')' ? "subshell" : "group")
            + " that runs no command is not supported", open.offset);
      }
      // Every command inside inherits the descriptors: over-approximate by giving it all.
      commands.replaceAll(c -> c.withMoreRedirections(redirections));
    }
    List<SimpleCommand> all = new ArrayList<>(commands);
    all.addAll(children);
    return new Unit(null, all);
  }

  private Draft parseSimple(Ctx ctx, Token first) throws ShellSyntaxException {
    Draft d = new Draft(first.offset);
    Token t = first;
    while (true) {
      if (t.kind == Kind.WORD) {
        WordDraft w = t.word();
        d.children.addAll(w.children);
        if (d.argv.isEmpty() && isAssignment(t)) {
          d.assignments.add(w.value.toString());
        } else {
          if (d.argv.isEmpty() && KEYWORDS.contains(t.text)) {
            throw error(t.text.equals("{") || t.text.equals("}")
                ? "unexpected '" + t.text + "'"
                : "compound command '" + t.text + "' is not supported", t.offset);
          }
          d.argv.add(w.toArg(base));
        }
      } else if (t.kind == Kind.REDIR) {
        redirect(ctx, t, d.redirections, d.children);
      } else {
        if (t.is(Kind.OP, "(")) {
          throw error(d.argv.size() == 1 && at(skipBlanksFrom(pos)) == ')'
              ? "function definitions are not supported" : "unexpected '('", t.offset);
        }
        pushed = t;
        return d;
      }
      t = next(ctx);
    }
  }

  /** Whether a word before the program is an assignment {@code NAME=value} or {@code NAME+=}. */
  private boolean isAssignment(Token t) throws ShellSyntaxException {
    String raw = t.text;
    if (raw.isEmpty() || !isNameStart(raw.charAt(0))) {
      return false;
    }
    int i = 1;
    while (i < raw.length() && isNameChar(raw.charAt(i))) {
      i++;
    }
    if (i < raw.length() && raw.charAt(i) == '[' && raw.indexOf("]=", i) > 0) {
      throw error("array element assignments are not supported", t.offset);
    }
    if (i < raw.length() && raw.charAt(i) == '+') {
      i++;
    }
    return i < raw.length() && raw.charAt(i) == '=';
  }

  private void emitAndOr(Ctx ctx, List<List<Unit>> andOr, boolean background,
                         List<SimpleCommand> out) throws ShellSyntaxException {
    for (List<Unit> pipeline : andOr) {
      Origin origin = ctx.origin;
      if (origin == Origin.TOP_LEVEL) {
        origin = background ? Origin.BACKGROUND
            : pipeline.size() > 1 ? Origin.PIPELINE : Origin.TOP_LEVEL;
      }
      for (Unit unit : pipeline) {
        Draft d = unit.draft();
        if (d == null) {
          out.addAll(unit.compound());
          continue;
        }
        if (!d.argv.isEmpty()) {
          new Wrappers(budget).emit(d.argv, d.assignments, d.redirections, origin, ctx.depth,
              out);
        } else if (!d.redirections.isEmpty()) {
          throw error("redirection without a command is not supported", d.offset);
        }
        out.addAll(d.children);
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Redirections and here-documents

  private void redirect(Ctx ctx, Token op, List<Redirection> into, List<SimpleCommand> children)
      throws ShellSyntaxException {
    String operator = op.text;
    int digits = 0;
    while (operator.charAt(digits) >= '0' && operator.charAt(digits) <= '9') {
      digits++;
    }
    String bare = operator.substring(digits);
    Token target = next(ctx);
    if (target.kind != Kind.WORD) {
      throw error("missing target for redirection '" + operator + "'", op.offset);
    }
    WordDraft w = target.word();
    if (bare.equals("<<") || bare.equals("<<-")) {
      if (w.expanded || !w.children.isEmpty()) {
        throw error("here-document delimiter must be a literal word", target.offset);
      }
      ctx.pending.add(new Heredoc(w.value.toString(), w.quoted, bare.equals("<<-"), pos,
          op.offset));
      into.add(new Redirection(operator, Word.literal(""), Redirection.Access.READ));
      return;
    }
    children.addAll(w.children);
    if (bare.equals("<<<")) {
      // The text is data fed to stdin, not a path; it is kept so that it can be inspected.
      into.add(new Redirection(operator, new Word(w.value.toString(), w.expanded), Redirection.Access.READ));
      return;
    }
    Word word = new Word(w.value.toString(), w.expanded);
    Redirection.Access access;
    switch (bare) {
      case "<":
        access = Redirection.Access.READ;
        break;
      case "<>":
        access = Redirection.Access.READ_WRITE;
        break;
      case "<&":
      case ">&":
        if (!word.expanded() && word.value().matches("[0-9]+-?|-")) {
          access = Redirection.Access.FD_DUP;
        } else {
          access = bare.equals("<&") ? Redirection.Access.READ : Redirection.Access.WRITE;
        }
        break;
      default:
        access = Redirection.Access.WRITE;
    }
    into.add(new Redirection(operator, word, access));
  }

  /** Reads the bodies of the here-documents pending in {@code ctx}; the cursor is past '\n'. */
  private void readHeredocs(Ctx ctx, int newline) throws ShellSyntaxException {
    for (Heredoc h : ctx.pending) {
      if (nextNewline(h.afterWord()) != newline) {
        throw error("a newline inside a quote or nested construct before a here-document body"
            + " is not supported", h.offset());
      }
      int bodyStart = pos;
      int bodyEnd;
      while (true) {
        if (pos >= limit) {
          throw error("missing here-document terminator '" + h.delimiter() + "'", h.offset());
        }
        int eol = src.indexOf('\n', pos);
        if (eol < 0 || eol > limit) {
          eol = limit;
        }
        int lineStart = pos;
        if (h.stripTabs()) {
          while (lineStart < eol && src.charAt(lineStart) == '\t') {
            lineStart++;
          }
        }
        boolean terminator = eol - lineStart == h.delimiter().length()
            && src.startsWith(h.delimiter(), lineStart);
        int lineEnd = pos;
        pos = Math.min(eol + 1, limit);
        if (terminator) {
          bodyEnd = lineEnd;
          break;
        }
      }
      if (!h.quoted()) {
        scanHeredocBody(ctx, bodyStart, bodyEnd);
      }
    }
    ctx.pending.clear();
  }

  /** Finds the substitutions of an unquoted here-document body, which the shell expands. */
  private void scanHeredocBody(Ctx ctx, int from, int to) throws ShellSyntaxException {
    int savedPos = pos;
    int savedLimit = limit;
    pos = from;
    limit = to;
    WordDraft scratch = new WordDraft(from);
    while (pos < limit) {
      char c = src.charAt(pos);
      if (c == '\\') {
        pos = Math.min(pos + 2, limit);
      } else if (c == '$') {
        dollar(ctx, scratch, true);
      } else if (c == '`') {
        backquote(ctx, scratch, false);
      } else {
        pos++;
      }
    }
    limit = savedLimit;
    pos = savedPos;
    ctx.late.addAll(scratch.children);
  }

  private int nextNewline(int from) {
    if (newlineFrom >= 0 && from >= newlineFrom && from <= newlineAt) {
      return newlineAt;
    }
    int i = src.indexOf('\n', from);
    newlineFrom = from;
    newlineAt = i < 0 ? src.length() : i;
    return newlineAt;
  }

  // ---------------------------------------------------------------------------------------
  // Lexer

  private char at(int i) {
    return i < limit ? src.charAt(i) : 0;
  }

  private int skipBlanksFrom(int i) {
    while (i < limit && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private void skipBlanks() {
    while (pos < limit) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t') {
        pos++;
      } else if (c == '\\' && at(pos + 1) == '\n') {
        pos += 2;
      } else if (c == '#') {
        while (pos < limit && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private Token next(Ctx ctx) throws ShellSyntaxException {
    Token t = pushed;
    if (t != null) {
      pushed = null;
      return t;
    }
    skipBlanks();
    int start = pos;
    if (pos >= limit) {
      return new Token(Kind.EOF, "end of input", start, null);
    }
    char c = src.charAt(pos);
    char n = at(pos + 1);
    switch (c) {
      case '\n':
        pos++;
        return new Token(Kind.NEWLINE, "newline", start, null);
      case ';':
        if (n == ';' || n == '&') {
          throw error("'case' clause terminator ';" + n + "' is not supported", start);
        }
        return op(";", Kind.OP);
      case '&':
        if (n == '&') {
          return op("&&", Kind.OP);
        }
        if (n == '>') {
          return op(at(pos + 2) == '>' ? "&>>" : "&>", Kind.REDIR);
        }
        return op("&", Kind.OP);
      case '|':
        return op(n == '|' ? "||" : n == '&' ? "|&" : "|", Kind.OP);
      case '(':
      case ')':
        return op(String.valueOf(c), Kind.OP);
      case '<':
      case '>':
        if (n == '(') {
          return word(ctx);
        }
        return redirectionOperator(pos, pos);
      default:
        if (c >= '0' && c <= '9') {
          int j = pos;
          while (j < limit && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
            j++;
          }
          char after = at(j);
          if ((after == '<' || after == '>') && at(j + 1) != '(') {
            return redirectionOperator(pos, j);
          }
        }
        return word(ctx);
    }
  }

  private Token op(String text, Kind kind) {
    int start = pos;
    pos += text.length();
    return new Token(kind, text, start, null);
  }

  /** A redirection operator starting at {@code opStart}, with a descriptor from {@code start}. */
  private Token redirectionOperator(int start, int opStart) {
    String[] operators = {"<<<", "<<-", "<<", "<>", "<&", "<", ">>", ">&", ">|", ">"};
    for (String o : operators) {
      if (src.startsWith(o, opStart) && opStart + o.length() <= limit) {
        pos = opStart + o.length();
        return new Token(Kind.REDIR, src.substring(start, pos), start, null);
      }
    }
    throw new IllegalStateException("no redirection operator at " + opStart);
  }

  private Token word(Ctx ctx) throws ShellSyntaxException {
    WordDraft w = new WordDraft(pos);
    boolean bracket = false;
    boolean brace = false;
    boolean braceList = false;
    char previous = 0;
    loop:
    while (pos < limit) {
      char c = src.charAt(pos);
      char unquoted = c;
      switch (c) {
        case ' ', '\t', '\n', ';', '&', '|', '(', ')':
          break loop;
        case '<', '>':
          if (at(pos + 1) != '(') {
            break loop;
          }
          processSubstitution(ctx, w);
          unquoted = 0;
          break;
        case '\'':
          singleQuoted(w);
          unquoted = 0;
          break;
        case '"':
          doubleQuoted(ctx, w);
          unquoted = 0;
          break;
        case '\\':
          if (at(pos + 1) == '\n') {
            pos += 2;
          } else if (pos + 1 >= limit) {
            throw error("backslash at end of input", pos);
          } else {
            w.value.append(src.charAt(pos + 1));
            w.quoted = true;
            pos += 2;
          }
          unquoted = 0;
          break;
        case '$':
          dollar(ctx, w, false);
          unquoted = 0;
          break;
        case '`':
          backquote(ctx, w, false);
          unquoted = 0;
          break;
        default:
          if (c == '*' || c == '?' || (c == ']' && bracket)) {
            w.expanded = true;
            w.splittable = true;
          } else if (c == '[') {
            bracket = true;
          } else if (c == '~' && pos == w.start) {
            w.expanded = true;
          } else if (c == '{') {
            brace = true;
          } else if (brace && (c == ',' || (c == '.' && previous == '.'))) {
            braceList = true;
          } else if (c == '}' && braceList) {
            w.expanded = true;
            w.splittable = true;
          }
          w.value.append(c);
          pos++;
      }
      previous = unquoted;
    }
    String raw = src.substring(w.start, pos);
    return new Token(Kind.WORD, raw, w.start, w);
  }

  private void singleQuoted(WordDraft w) throws ShellSyntaxException {
    int close = src.indexOf('\'', pos + 1);
    if (close < 0 || close >= limit) {
      throw error("unterminated single quote", pos);
    }
    w.value.append(src, pos + 1, close);
    w.quoted = true;
    pos = close + 1;
  }

  private void doubleQuoted(Ctx ctx, WordDraft w) throws ShellSyntaxException {
    int open = pos;
    pos++;
    w.quoted = true;
    while (true) {
      if (pos >= limit) {
        throw error("unterminated double quote", open);
      }
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\') {
        char n = at(pos + 1);
        if (n == '\n') {
          pos += 2;
        } else if (n == '"' || n == '\\' || n == '$' || n == '`') {
          w.value.append(n);
          pos += 2;
        } else {
          w.value.append('\\');
          pos++;
        }
      } else if (c == '$') {
        dollar(ctx, w, true);
      } else if (c == '`') {
        backquote(ctx, w, true);
      } else {
        w.value.append(c);
        pos++;
      }
    }
  }

  /** A {@code $} construct; {@code inQuotes} when inside double quotes or a here-document. */
  private void dollar(Ctx ctx, WordDraft w, boolean inQuotes) throws ShellSyntaxException {
    int start = pos;
    char n = at(pos + 1);
    if (n == '(') {
      if (at(pos + 2) == '(') {
        arithmetic(w, start);
      } else {
        commandSubstitution(ctx, w, start, inQuotes);
      }
    } else if (n == '{') {
      parameterExpansion(ctx, w, start, inQuotes);
    } else if (n == '\'' && !inQuotes) {
      ansiC(w);
    } else if (n == '"' && !inQuotes) {
      pos++; // $"..." is a translatable double-quoted string
      doubleQuoted(ctx, w);
    } else if (n == '[') {
      throw error("arithmetic '$[...]' is not supported", start);
    } else if (isNameStart(n)) {
      pos += 2;
      while (isNameChar(at(pos))) {
        pos++;
      }
      expansion(w, start, !inQuotes);
    } else if ((n >= '0' && n <= '9') || (n != 0 && "@*#?$!-".indexOf(n) >= 0)) {
      pos += 2;
      expansion(w, start, !inQuotes);
    } else {
      w.value.append('$');
      pos++;
    }
  }

  private void expansion(WordDraft w, int start, boolean splittable) {
    w.value.append(src, start, pos);
    w.expanded = true;
    w.splittable |= splittable;
  }

  private void commandSubstitution(Ctx ctx, WordDraft w, int start, boolean inQuotes)
      throws ShellSyntaxException {
    Ctx inner = child(ctx, Origin.COMMAND_SUBSTITUTION, ')', start);
    pos += 2;
    w.children.addAll(parseList(inner));
    expansion(w, start, !inQuotes);
  }

  private void processSubstitution(Ctx ctx, WordDraft w) throws ShellSyntaxException {
    int start = pos;
    Ctx inner = child(ctx, Origin.PROCESS_SUBSTITUTION, ')', start);
    pos += 2;
    w.children.addAll(parseList(inner));
    expansion(w, start, false);
  }

  /**
   * {@code $(( ... ))}: accepted only when it holds numbers, operators and parentheses. Names
   * are rejected because the shell evaluates a variable's value as an expression, and an array
   * subscript in that value ({@code a[$(cmd)]}) runs a command.
   */
  private void arithmetic(WordDraft w, int start) throws ShellSyntaxException {
    pos = start + 3;
    int parens = 0;
    while (true) {
      if (pos >= limit) {
        throw error("unterminated arithmetic expansion", start);
      }
      char c = src.charAt(pos);
      if (c == '(') {
        parens++;
      } else if (c == ')') {
        if (parens == 0) {
          if (at(pos + 1) != ')') {
            throw error("ambiguous '$((': write '$( (' for a subshell in a command substitution",
                start);
          }
          pos += 2;
          break;
        }
        parens--;
      } else if (c >= '0' && c <= '9') {
        while (isNameChar(at(pos + 1)) || at(pos + 1) == '#') {
          pos++; // numeric literal: 42, 0x1F, 2#101
        }
      } else if (" \t\n+-*/%<>=!&|^~?:,".indexOf(c) < 0) {
        throw error("arithmetic expansion with '" + c + "' is not supported (only numbers and"
            + " operators)", pos);
      }
      pos++;
    }
    expansion(w, start, false);
  }

  /** {@code ${...}}: the name and operator are checked, the operand is scanned for commands. */
  private void parameterExpansion(Ctx ctx, WordDraft w, int start, boolean inQuotes)
      throws ShellSyntaxException {
    if (++braceNesting > budget.maxDepth) {
      throw error("nesting deeper than " + budget.maxDepth + " levels", start);
    }
    int p = start + 2;
    char c = at(p);
    if (c == '!') {
      throw error("indirect expansion '${!...}' is not supported", start);
    }
    if (c == '#' && (isNameStart(at(p + 1)) || Character.isDigit(at(p + 1))
        || at(p + 1) == '@' || at(p + 1) == '*')) {
      p++; // ${#name}: length
    }
    c = at(p);
    if (isNameStart(c)) {
      while (isNameChar(at(p))) {
        p++;
      }
    } else if (c >= '0' && c <= '9') {
      while (at(p) >= '0' && at(p) <= '9') {
        p++;
      }
    } else if (c != 0 && "@*#?$!-".indexOf(c) >= 0) {
      p++;
    } else {
      throw error("bad substitution", start);
    }
    c = at(p);
    if (c == '[') {
      throw error("array subscripts in '${...}' are not supported", start);
    }
    if (c == '@' && at(p + 1) == 'P') {
      throw error("prompt expansion '${...@P}' is not supported", start);
    }
    if (c == ':' && "-=?+".indexOf(at(p + 1)) < 0) {
      int q = p + 1;
      while (q < limit && " \t0123456789:-".indexOf(src.charAt(q)) >= 0) {
        q++;
      }
      if (at(q) != '}') {
        throw error("substring offsets in '${...}' must be plain numbers", start);
      }
    } else if ("}:-=?+#%/^,@".indexOf(c) < 0 || c == 0) {
      throw error("bad substitution", start);
    }
    pos = p;
    WordDraft scratch = new WordDraft(pos);
    int braces = 0;
    while (true) {
      if (pos >= limit) {
        throw error("unterminated '${'", start);
      }
      c = src.charAt(pos);
      if (c == '}') {
        pos++;
        if (braces == 0) {
          break;
        }
        braces--;
      } else if (c == '{') {
        braces++;
        pos++;
      } else if (c == '\\') {
        pos = Math.min(pos + 2, limit);
      } else if (c == '\'') {
        throw error("single quotes inside '${...}' are not supported", pos);
      } else if (c == '"') {
        if (inQuotes) {
          throw error("double quotes inside a double-quoted '${...}' are not supported", pos);
        }
        doubleQuoted(ctx, scratch);
      } else if (c == '$') {
        dollar(ctx, scratch, inQuotes);
      } else if (c == '`') {
        backquote(ctx, scratch, inQuotes);
      } else {
        pos++;
      }
    }
    braceNesting--;
    w.children.addAll(scratch.children);
    expansion(w, start, !inQuotes);
  }

  /** {@code $'...'}: ANSI-C quoting, decoded. */
  private void ansiC(WordDraft w) throws ShellSyntaxException {
    int start = pos;
    pos += 2;
    w.quoted = true;
    while (true) {
      if (pos >= limit) {
        throw error("unterminated $'...' string", start);
      }
      char c = src.charAt(pos);
      if (c == '\'') {
        pos++;
        return;
      }
      if (c != '\\') {
        w.value.append(c);
        pos++;
        continue;
      }
      char e = at(pos + 1);
      pos += 2;
      int decoded;
      switch (e) {
        case 'a': decoded = 7; break;
        case 'b': decoded = 8; break;
        case 'e': case 'E': decoded = 27; break;
        case 'f': decoded = 12; break;
        case 'n': decoded = '\n'; break;
        case 'r': decoded = '\r'; break;
        case 't': decoded = '\t'; break;
        case 'v': decoded = 11; break;
        case '\\': case '\'': case '"': case '?': decoded = e; break;
        case 'x': decoded = number(16, 2, start); break;
        case 'u': decoded = number(16, 4, start); break;
        case 'U': decoded = number(16, 8, start); break;
        case 'c':
          if (pos >= limit) {
            throw error("unterminated $'...' string", start);
          }
          decoded = src.charAt(pos++) & 0x1f;
          break;
        case 0:
          throw error("unterminated $'...' string", start);
        default:
          if (e >= '0' && e <= '7') {
            pos--;
            decoded = number(8, 3, start);
          } else {
            w.value.append('\\').append(e); // unknown escapes are kept as written
            continue;
          }
      }
      if (decoded == 0) {
        throw error("NUL escape in $'...' is not supported", start);
      }
      if (!Character.isValidCodePoint(decoded)) {
        throw error("invalid escape in $'...'", start);
      }
      w.value.appendCodePoint(decoded);
    }
  }

  /** Reads up to {@code maxDigits} digits in {@code radix}; at least one is required. */
  private int number(int radix, int maxDigits, int start) throws ShellSyntaxException {
    int value = 0;
    int digits = 0;
    while (digits < maxDigits && Character.digit(at(pos), radix) >= 0) {
      value = value * radix + Character.digit(at(pos), radix);
      pos++;
      digits++;
    }
    if (digits == 0) {
      throw error("escape without digits in $'...'", start);
    }
    return radix == 8 ? value & 0xff : value;
  }

  /** {@code `...`}: unescapes the text and parses it with a nested parser. */
  private void backquote(Ctx ctx, WordDraft w, boolean inQuotes) throws ShellSyntaxException {
    int start = pos;
    pos++;
    StringBuilder text = new StringBuilder();
    while (true) {
      if (pos >= limit) {
        throw error("unterminated backquote", start);
      }
      char c = src.charAt(pos);
      if (c == '`') {
        pos++;
        break;
      }
      char n = at(pos + 1);
      if (c == '\\' && (n == '$' || n == '`' || n == '\\' || (inQuotes && n == '"'))) {
        text.append(n);
        pos += 2;
      } else {
        text.append(c);
        pos++;
      }
    }
    if (ctx.depth + 1 > budget.maxDepth) {
      throw error("nesting deeper than " + budget.maxDepth + " levels", start);
    }
    Parser nested = new Parser(text.toString(), base + start + 1, budget);
    w.children.addAll(nested.parseScript(ctx.depth + 1, Origin.COMMAND_SUBSTITUTION));
    expansion(w, start, !inQuotes);
  }

  private Ctx child(Ctx ctx, Origin origin, char terminator, int open)
      throws ShellSyntaxException {
    if (ctx.depth + 1 > budget.maxDepth) {
      throw error("nesting deeper than " + budget.maxDepth + " levels", open);
    }
    return new Ctx(ctx.depth + 1, origin, terminator, open);
  }

  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
