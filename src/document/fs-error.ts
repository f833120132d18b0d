/** A file-system error (from stat, read, realpath) as a short phrase for a message naming the file. */
export function describeFsError(thrown: unknown): string {
  const code = (thrown as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'no such file or directory (a parent is not a directory)';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return thrown instanceof Error ? thrown.message : String(thrown);
  }
}
