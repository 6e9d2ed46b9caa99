package dev.agentlane.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The files a Codex {@code apply_patch} call touches, read from the patch envelope Codex passes as
 * {@code tool_input.command}:
 *
 * <pre>
 * *** Begin Patch
 * *** Add File: path          (then lines starting with +)
 * *** Update File: path       (optionally *** Move to: path, then hunks: @@, and lines starting with space, + or -)
 * *** Delete File: path
 * *** End Patch
 * </pre>
 *
 * <p>Every line starting with {@code ***} is structure; one this reader does not know, a patch with no
 * file, or text outside the envelope is a failure, never a guess. Only the file headers matter to the
 * policy; hunk contents are not read. Stateless.
 */
final class ApplyPatchFiles {
  private ApplyPatchFiles() {}

  private static final String BEGIN = "*** Begin Patch";
  private static final String END = "*** End Patch";
  private static final String ADD = "*** Add File: ";
  private static final String UPDATE = "*** Update File: ";
  private static final String DELETE = "*** Delete File: ";
  private static final String MOVE = "*** Move to: ";
  private static final String END_OF_FILE = "*** End of File";

  /**
   * One file the patch changes.
   *
   * @param operation {@code add}, {@code update}, {@code delete}, or {@code move} (the destination of a move)
   * @param path the path as the patch names it
   */
  record FileChange(String operation, String path) {}

  /**
   * The files of a patch, in order.
   *
   * @throws HookFailure if the text is not a patch envelope this reader understands
   */
  static List<FileChange> parse(String patch) {
    String[] lines = patch.split("\r?\n", -1);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    if (i == lines.length || !lines[i].strip().equals(BEGIN)) {
      throw bad("it does not start with '" + BEGIN + "'");
    }
    i++;
    List<FileChange> out = new ArrayList<>();
    boolean ended = false;
    boolean inUpdate = false;
    for (; i < lines.length; i++) {
      String line = lines[i];
      if (ended) {
        if (!line.isBlank()) {
          throw bad("line " + (i + 1) + " follows '" + END + "'");
        }
        continue;
      }
      if (!line.startsWith("***")) {
        continue;                                        // hunk or added content
      }
      String l = line.stripTrailing();
      if (l.equals(END)) {
        ended = true;
      } else if (l.startsWith(ADD)) {
        out.add(change("add", l, ADD, i));
        inUpdate = false;
      } else if (l.startsWith(UPDATE)) {
        out.add(change("update", l, UPDATE, i));
        inUpdate = true;
      } else if (l.startsWith(DELETE)) {
        out.add(change("delete", l, DELETE, i));
        inUpdate = false;
      } else if (l.startsWith(MOVE) && inUpdate) {
        out.add(change("move", l, MOVE, i));
      } else if (l.equals(END_OF_FILE) && inUpdate) {
        continue;
      } else {
        throw bad("line " + (i + 1) + " ('" + (l.length() > 60 ? l.substring(0, 60) + "..." : l)
            + "') is not a patch header this hook knows");
      }
    }
    if (!ended) {
      throw bad("it does not end with '" + END + "'");
    }
    if (out.isEmpty()) {
      throw bad("it names no file");
    }
    return out;
  }

  private static FileChange change(String operation, String line, String prefix, int index) {
    String path = line.substring(prefix.length()).strip();
    if (path.isEmpty()) {
      throw bad("line " + (index + 1) + " names no file");
    }
    return new FileChange(operation, path);
  }

  private static HookFailure bad(String why) {
    return new HookFailure("cannot read the apply_patch input as a patch: " + why);
  }
}
