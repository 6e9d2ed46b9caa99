package dev.agentlane.core.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.core.shell.Redirection.Access;
import dev.agentlane.core.shell.SimpleCommand.Origin;
import dev.agentlane.core.shell.SimpleCommand.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of {@link ShellParser}, one behaviour per test. */
class ShellParserTest {

  private static final ShellParser PARSER = ShellParser.ofDefaults();

  private static List<SimpleCommand> parse(String line) throws ShellSyntaxException {
    return PARSER.parse(line).commands();
  }

  private static SimpleCommand only(String line) throws ShellSyntaxException {
    List<SimpleCommand> commands = parse(line);
    assertThat(commands).as(line).hasSize(1);
    return commands.get(0);
  }

  private static ShellSyntaxException rejection(String line) {
    try {
      PARSER.parse(line);
    } catch (ShellSyntaxException e) {
      return e;
    }
    throw new AssertionError("expected a rejection of: " + line);
  }

  // --- words and quoting -------------------------------------------------------------------

  @Test
  void adjacentQuotedPartsFormOneWord() throws Exception {
    assertThat(only("c'a't \"a\"'b'c").argv())
        .containsExactly(Word.literal("cat"), Word.literal("abc"));
  }

  @Test
  void doubleQuotesKeepOnlyTheirOwnEscapes() throws Exception {
    assertThat(only("echo \"a\\\"b\\\\c\\$d\\`e\\nf\"").args())
        .containsExactly("a\"b\\c$d`e\\nf");
  }

  @Test
  void singleQuotesAreLiteral() throws Exception {
    SimpleCommand c = only("echo '$(id) `id` ${x} \\'");
    assertThat(c.argv().get(1)).isEqualTo(Word.literal("$(id) `id` ${x} \\"));
  }

  @Test
  void ansiCStringsAreDecoded() throws Exception {
    assertThat(only("echo $'a\\nb\\tc\\x41\\101\\'\\\\\\u00e9'").args())
        .containsExactly("a\nb\tcAA'\\\u00e9");
  }

  @Test
  void lineContinuationJoinsAWord() throws Exception {
    assertThat(only("r\\\nm -rf \\\n /").argv())
        .extracting(Word::value).containsExactly("rm", "-rf", "/");
  }

  @Test
  void backslashEscapesMetacharacters() throws Exception {
    assertThat(only("echo a\\;b\\|c\\ d").args()).containsExactly("a;b|c d");
  }

  @Test
  void escapedOrQuotedProgramIsItsPlainName() throws Exception {
    assertThat(only("\\rm x").program()).isEqualTo("rm");
    assertThat(only("'rm' x").program()).isEqualTo("rm");
    assertThat(only("\\rm x").argv().get(0).expanded()).isFalse();
  }

  @Test
  void parameterExpansionMarksTheWordExpandedAndKeepsRawText() throws Exception {
    SimpleCommand c = only("cat $HOME/.env \"${FILE:-x}\" $1 $@ $? plain");
    assertThat(c.argv().subList(1, 7)).containsExactly(
        new Word("$HOME/.env", true), new Word("${FILE:-x}", true), new Word("$1", true),
        new Word("$@", true), new Word("$?", true), Word.literal("plain"));
  }

  @Test
  void globsTildeAndBraceExpansionMarkTheWordExpanded() throws Exception {
    assertThat(only("ls *.txt a? [ab] ~/x {a,b} {1..3}").argv().subList(1, 7))
        .allMatch(Word::expanded);
    assertThat(only("echo '*' \\? x~ {} [ ]").argv().subList(1, 7))
        .noneMatch(Word::expanded);
  }

  @Test
  void expandedProgramWordIsReportedForTheEngineToDeny() throws Exception {
    SimpleCommand c = only("$CMD -rf /");
    assertThat(c.argv().get(0)).isEqualTo(new Word("$CMD", true));
    assertThat(c.args()).containsExactly("-rf", "/");
  }

  @Test
  void dollarWithoutANameIsLiteral() throws Exception {
    assertThat(only("echo $ a$ $/").argv().subList(1, 4))
        .containsExactly(Word.literal("$"), Word.literal("a$"), Word.literal("$/"));
  }

  // --- lists -------------------------------------------------------------------------------

  @Test
  void separatorsYieldCommandsInSourceOrder() throws Exception {
    assertThat(PARSER.parse("a; b && c || d | e & f\ng").programs())
        .containsExactly("a", "b", "c", "d", "e", "f", "g");
  }

  @Test
  void pipelineMembersAndBackgroundJobsHaveTheirOrigin() throws Exception {
    List<SimpleCommand> c = parse("a | b; c && d &\ne");
    assertThat(c).extracting(SimpleCommand::origin).containsExactly(
        Origin.PIPELINE, Origin.PIPELINE, Origin.BACKGROUND, Origin.BACKGROUND,
        Origin.TOP_LEVEL);
  }

  @Test
  void commentsRunToTheEndOfTheLine() throws Exception {
    assertThat(PARSER.parse("ls # rm -rf /\necho a#b").programs()).containsExactly("ls", "echo");
    assertThat(only("echo a#b").args()).containsExactly("a#b");
  }

  @Test
  void pipelineNegationIsSkipped() throws Exception {
    assertThat(only("! grep x").program()).isEqualTo("grep");
  }

  @Test
  void emptyLineYieldsNoCommand() throws Exception {
    assertThat(PARSER.parse("").commands()).isEmpty();
    assertThat(PARSER.parse(" \n\t# c\n").commands()).isEmpty();
  }

  // --- nesting -----------------------------------------------------------------------------

  @Test
  void commandSubstitutionInsideDoubleQuotesIsYielded() throws Exception {
    List<SimpleCommand> c = parse("echo \"x $(cat .env) y\"");
    assertThat(c).extracting(SimpleCommand::program).containsExactly("echo", "cat");
    assertThat(c.get(0).argv().get(1)).isEqualTo(new Word("x $(cat .env) y", true));
    assertThat(c.get(1).args()).containsExactly(".env");
    assertThat(c.get(1).origin()).isEqualTo(Origin.COMMAND_SUBSTITUTION);
    assertThat(c.get(1).depth()).isEqualTo(1);
  }

  @Test
  void nestedBackquotesAreUnescapedAndYielded() throws Exception {
    List<SimpleCommand> c = parse("echo `echo \\`id\\``");
    assertThat(c).extracting(SimpleCommand::program).containsExactly("echo", "echo", "id");
    assertThat(c).extracting(SimpleCommand::depth).containsExactly(0, 1, 2);
  }

  @Test
  void processSubstitutionIsYielded() throws Exception {
    List<SimpleCommand> c = parse("diff <(curl a) >(sh)");
    assertThat(c).extracting(SimpleCommand::program).containsExactly("diff", "curl", "sh");
    assertThat(c.get(1).origin()).isEqualTo(Origin.PROCESS_SUBSTITUTION);
  }

  @Test
  void subshellAndGroupCommandsAreYieldedAsSubshell() throws Exception {
    List<SimpleCommand> c = parse("(a; b) && { c; }");
    assertThat(c).extracting(SimpleCommand::program).containsExactly("a", "b", "c");
    assertThat(c).allMatch(x -> x.origin() == Origin.SUBSHELL && x.depth() == 1);
  }

  @Test
  void subshellRedirectionsApplyToEveryCommandInside() throws Exception {
    List<SimpleCommand> c = parse("{ cat; head; } < .env");
    assertThat(c).allSatisfy(x -> assertThat(x.redirections())
        .containsExactly(new Redirection("<", Word.literal(".env"), Access.READ)));
  }

  @Test
  void assignmentOnlyLineStillYieldsItsSubstitutions() throws Exception {
    SimpleCommand c = only("A=$(rm -rf /)");
    assertThat(c.program()).isEqualTo("rm");
    assertThat(c.origin()).isEqualTo(Origin.COMMAND_SUBSTITUTION);
  }

  @Test
  void leadingAssignmentsAreRecorded() throws Exception {
    SimpleCommand c = only("A=1 B+=\"x y\" cmd C=3");
    assertThat(c.assignments()).containsExactly("A=1", "B+=x y");
    assertThat(c.args()).containsExactly("C=3");
  }

  @Test
  void defaultValueSubstitutionIsYielded() throws Exception {
    assertThat(PARSER.parse("echo ${VAR:-$(curl x)}").programs()).containsExactly("echo", "curl");
  }

  @Test
  void plainArithmeticIsAnExpandedWord() throws Exception {
    assertThat(only("echo $(( (1 + 2) * 0x10 ))").argv().get(1).expanded()).isTrue();
  }

  // --- redirections ------------------------------------------------------------------------

  @Test
  void redirectionsHaveOperatorTargetAndAccess() throws Exception {
    SimpleCommand c = only(
        "cmd <in >out >>app 2>err 2>>err2 <>rw >|clob &>all &>>all2 3<&0 >&2 2>&- <&4");
    assertThat(c.redirections()).containsExactly(
        new Redirection("<", Word.literal("in"), Access.READ),
        new Redirection(">", Word.literal("out"), Access.WRITE),
        new Redirection(">>", Word.literal("app"), Access.WRITE),
        new Redirection("2>", Word.literal("err"), Access.WRITE),
        new Redirection("2>>", Word.literal("err2"), Access.WRITE),
        new Redirection("<>", Word.literal("rw"), Access.READ_WRITE),
        new Redirection(">|", Word.literal("clob"), Access.WRITE),
        new Redirection("&>", Word.literal("all"), Access.WRITE),
        new Redirection("&>>", Word.literal("all2"), Access.WRITE),
        new Redirection("3<&", Word.literal("0"), Access.FD_DUP),
        new Redirection(">&", Word.literal("2"), Access.FD_DUP),
        new Redirection("2>&", Word.literal("-"), Access.FD_DUP),
        new Redirection("<&", Word.literal("4"), Access.FD_DUP));
    assertThat(c.argv()).containsExactly(Word.literal("cmd"));
  }

  @Test
  void redirectionBeforeTheProgramIsAllowed() throws Exception {
    SimpleCommand c = only(">out cat x");
    assertThat(c.program()).isEqualTo("cat");
    assertThat(c.redirections()).containsExactly(
        new Redirection(">", Word.literal("out"), Access.WRITE));
  }

  @Test
  void redirectionWithoutSpaceIsSeparated() throws Exception {
    SimpleCommand c = only("cat<.env>.git/config");
    assertThat(c.redirections()).extracting(r -> r.target().value(), Redirection::access)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(".env", Access.READ),
            org.assertj.core.groups.Tuple.tuple(".git/config", Access.WRITE));
  }

  @Test
  void heredocBodyIsNotAPathAndIsConsumed() throws Exception {
    List<SimpleCommand> c = parse("cat <<EOF > out\nrm -rf /\nEOF\nls");
    assertThat(c).extracting(SimpleCommand::program).containsExactly("cat", "ls");
    assertThat(c.get(0).redirections()).containsExactly(
        new Redirection("<<", Word.literal(""), Access.READ),
        new Redirection(">", Word.literal("out"), Access.WRITE));
  }

  @Test
  void dashHeredocStripsTabsFromTheTerminator() throws Exception {
    assertThat(PARSER.parse("cat <<-END\n\tx\n\t\tEND\necho").programs())
        .containsExactly("cat", "echo");
  }

  @Test
  void unquotedHeredocBodySubstitutionsAreYielded() throws Exception {
    List<SimpleCommand> c = parse("cat <<EOF\n$(id) `whoami` \\$(not)\nEOF");
    assertThat(c).extracting(SimpleCommand::program).containsExactly("cat", "id", "whoami");
  }

  @Test
  void quotedHeredocBodyIsNotExpanded() throws Exception {
    for (String delimiter : List.of("'EOF'", "\"EOF\"", "\\EOF", "E'O'F")) {
      assertThat(PARSER.parse("cat <<" + delimiter + "\n$(id)\nEOF").programs())
          .as(delimiter).containsExactly("cat");
    }
  }

  @Test
  void hereStringKeepsItsTextAsHereTextAndYieldsItsSubstitutions() throws Exception {
    List<SimpleCommand> c = parse("cat <<< \"$(id)\"");
    assertThat(c).extracting(SimpleCommand::program).containsExactly("cat", "id");
    Redirection r = c.get(0).redirections().get(0);
    assertThat(r.operator()).isEqualTo("<<<");
    assertThat(r.isHereText()).isTrue();
    assertThat(r.target().expanded()).isTrue();
    assertThat(parse("cat <<< .env").get(0).redirections())
        .containsExactly(new Redirection("<<<", Word.literal(".env"), Access.READ));
  }

  @Test
  void missingHeredocTerminatorIsRejected() {
    ShellSyntaxException e = rejection("cat <<EOF\nbody\nEO");
    assertThat(e.reason()).isEqualTo("missing here-document terminator 'EOF'");
    assertThat(e.offset()).isEqualTo(4);
  }

  @Test
  void redirectionWithoutCommandIsRejected() {
    assertThat(rejection("> .git/config").reason()).contains("without a command");
  }

  // --- wrappers ----------------------------------------------------------------------------

  @Test
  void wrapperIsYieldedWithItsOptionsThenTheWrappedCommand() throws Exception {
    List<SimpleCommand> c = parse("sudo -u root -E rm -rf /");
    assertThat(c.get(0).args()).containsExactly("-u", "root", "-E");
    assertThat(c.get(0).role()).isEqualTo(Role.WRAPPER);
    assertThat(c.get(1).argv()).extracting(Word::value).containsExactly("rm", "-rf", "/");
    assertThat(c.get(1).role()).isEqualTo(Role.COMMAND);
    assertThat(c.get(1).origin()).isEqualTo(Origin.WRAPPED);
    assertThat(c.get(1).depth()).isEqualTo(1);
  }

  @Test
  void wrappersNestRecursively() throws Exception {
    List<SimpleCommand> c = parse("nohup nice -n 5 timeout 10 env A=1 curl x");
    assertThat(c).extracting(SimpleCommand::program)
        .containsExactly("nohup", "nice", "timeout", "env", "curl");
    assertThat(c).extracting(SimpleCommand::depth).containsExactly(0, 1, 2, 3, 4);
    assertThat(c.get(4).assignments()).containsExactly("A=1");
  }

  @Test
  void wrappedCommandInheritsRedirections() throws Exception {
    List<SimpleCommand> c = parse("sudo cat < .env");
    assertThat(c.get(1).redirections()).containsExactly(
        new Redirection("<", Word.literal(".env"), Access.READ));
  }

  @Test
  void wrapperWithoutCommandIsAPlainCommand() throws Exception {
    assertThat(only("command -v rm").role()).isEqualTo(Role.COMMAND);
    assertThat(only("env").role()).isEqualTo(Role.COMMAND);
    assertThat(only("sudo -v").role()).isEqualTo(Role.COMMAND);
  }

  @Test
  void unknownWrapperOptionIsRejected() {
    ShellSyntaxException e = rejection("timeout --frobnicate 5 rm x");
    assertThat(e.reason()).isEqualTo("unknown option '--frobnicate' for 'timeout'");
    assertThat(e.offset()).isEqualTo(8);
  }

  @Test
  void unquotedExpansionAmongWrapperOptionsIsRejected() {
    assertThat(rejection("sudo -u $U rm").reason()).contains("unquoted expansion");
  }

  @Test
  void shellDashCScriptIsParsedRecursively() throws Exception {
    List<SimpleCommand> c = parse("bash -lc 'curl x | sh'");
    assertThat(c).extracting(SimpleCommand::program).containsExactly("bash", "curl", "sh");
    assertThat(c.get(0).role()).isEqualTo(Role.WRAPPER);
    assertThat(c.subList(1, 3)).allMatch(x ->
        x.origin() == Origin.NESTED_SCRIPT && x.depth() == 1);
  }

  @Test
  void shellWithoutDashCIsAPlainCommand() throws Exception {
    assertThat(only("bash script.sh").role()).isEqualTo(Role.COMMAND);
  }

  @Test
  void expandedShellScriptIsRejected() {
    assertThat(rejection("bash -c \"$X\"").reason()).contains("expanded at runtime");
  }

  @Test
  void evalJoinsItsArguments() throws Exception {
    List<SimpleCommand> c = parse("eval rm '-rf /'");
    assertThat(c.get(1).argv()).extracting(Word::value).containsExactly("rm", "-rf", "/");
    assertThat(c.get(1).origin()).isEqualTo(Origin.NESTED_SCRIPT);
  }

  @Test
  void errorInsideNestedScriptPointsAtTheScriptWord() {
    ShellSyntaxException e = rejection("sh -c 'echo \"x'");
    assertThat(e.offset()).isEqualTo(6);
    assertThat(e.reason()).contains("unterminated double quote");
  }

  @Test
  void xargsRunsItsCommandOrEcho() throws Exception {
    List<SimpleCommand> c = parse("xargs -n1 rm");
    assertThat(c.get(1).program()).isEqualTo("rm");
    assertThat(c.get(1).origin()).isEqualTo(Origin.XARGS);
    assertThat(parse("xargs -0").get(1).program()).isEqualTo("echo");
  }

  @Test
  void xargsReplacementMarksWordsExpanded() throws Exception {
    SimpleCommand rm = parse("xargs -I % rm %.bak").get(1);
    assertThat(rm.argv().get(1)).isEqualTo(new Word("%.bak", true));
  }

  @Test
  void findExecCommandsAreYieldedAfterFind() throws Exception {
    List<SimpleCommand> c = parse("find . -exec rm {} + -okdir mv {} x \\;");
    assertThat(c).extracting(SimpleCommand::program).containsExactly("find", "rm", "mv");
    assertThat(c.get(0).role()).isEqualTo(Role.COMMAND);
    assertThat(c.get(1).origin()).isEqualTo(Origin.FIND_EXEC);
    assertThat(c.get(1).argv().get(1).expanded()).isTrue();
  }

  // --- rejections and limits ---------------------------------------------------------------

  @Test
  void unterminatedQuoteIsRejectedWithOffset() {
    ShellSyntaxException e = rejection("echo hello 'world");
    assertThat(e.reason()).isEqualTo("unterminated single quote");
    assertThat(e.offset()).isEqualTo(11);
    assertThat(e.getMessage()).isEqualTo("unterminated single quote at offset 11");
  }

  @Test
  void unterminatedSubstitutionIsRejectedWithItsOpeningOffset() {
    assertThat(rejection("echo $(ls").offset()).isEqualTo(5);
    assertThat(rejection("echo (ls").reason()).isEqualTo("unexpected '('");
    assertThat(rejection("x; (ls").reason()).isEqualTo("unterminated subshell");
  }

  @Test
  void compoundCommandsAreRejectedWithAClearReason() {
    assertThat(rejection("for x in a; do rm $x; done").reason())
        .isEqualTo("compound command 'for' is not supported");
    assertThat(rejection("f() { rm x; }").reason())
        .isEqualTo("function definitions are not supported");
    assertThat(rejection("(( x++ ))").reason()).contains("'(('");
  }

  @Test
  void nulCharacterIsRejected() {
    ShellSyntaxException e = rejection("ls\0rm");
    assertThat(e.offset()).isEqualTo(2);
  }

  @Test
  void tooLongLineIsRejected() throws Exception {
    ShellParser small = ShellParser.withLimits(10, 8, 256);
    assertThat(small.parse("echo 12345").programs()).containsExactly("echo");
    assertThatThrownBy(() -> small.parse("echo 123456"))
        .isInstanceOf(ShellSyntaxException.class)
        .hasMessageContaining("longer than 10");
  }

  @Test
  void nestingDeeperThanTheLimitIsRejected() throws Exception {
    ShellParser shallow = ShellParser.withLimits(1000, 2, 256);
    assertThat(shallow.parse("echo $(echo $(id))").programs()).hasSize(3);
    assertThatThrownBy(() -> shallow.parse("echo $(echo $(echo $(id)))"))
        .isInstanceOf(ShellSyntaxException.class)
        .hasMessageContaining("nesting deeper than 2");
    assertThatThrownBy(() -> shallow.parse("sudo sudo sudo id"))
        .isInstanceOf(ShellSyntaxException.class);
  }

  @Test
  void moreCommandsThanTheLimitAreRejected() throws Exception {
    ShellParser few = ShellParser.withLimits(1000, 8, 3);
    assertThat(few.parse("a; b; c").programs()).hasSize(3);
    assertThatThrownBy(() -> few.parse("a; b; c; d"))
        .isInstanceOf(ShellSyntaxException.class)
        .hasMessageContaining("more than 3 commands");
  }

  @Test
  void hugePathologicalLinesFailFast() {
    String[] seeds = {"(", "$(", "```", "${x:-", "<(", "\"$(", "{ ", "sudo ", "$((", "'''",
        "bash -c '", "echo $(echo \\`", "a && ", "cat <<A "};
    for (String seed : seeds) {
      String line = seed.repeat(65_536 / seed.length());
      long start = System.nanoTime();
      assertThatThrownBy(() -> PARSER.parse(line)).as(seed)
          .isInstanceOf(ShellSyntaxException.class);
      assertThat(System.nanoTime() - start).as(seed).isLessThan(2_000_000_000L);
    }
  }

  @Test
  void longFlatLinesParseInLinearTime() throws Exception {
    String words = "echo " + "abc ".repeat(16_000);
    long start = System.nanoTime();
    assertThat(PARSER.parse(words).commands()).hasSize(1);
    String heredocs = "cat" + " <<A".repeat(5_000) + "\n" + "A\n".repeat(5_000);
    assertThat(PARSER.parse(heredocs).commands()).hasSize(1);
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> ShellParser.withLimits(0, 8, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShellParser.withLimits(10, 65, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShellParser.withLimits(10, 8, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resultIsImmutable() throws Exception {
    CommandLine line = PARSER.parse("ls -l");
    assertThat(line.source()).isEqualTo("ls -l");
    assertThatThrownBy(() -> line.commands().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> line.commands().get(0).argv().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
