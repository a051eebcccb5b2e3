/** Whether the `kubeconfig` input is the file's content rather than a path (a newline, a top-level key, JSON). */
export function looksLikeKubeconfigContent(text: string): boolean {
  return text.includes('\n') || /^\s*(apiVersion|kind|clusters)\s*:/.test(text) || text.trimStart().startsWith('{');
}
