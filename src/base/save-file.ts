/**
 * A download the browser saves: the file a response carries, named as the server names it
 * (Content-Disposition), handed to the browser through a link in the element's own shadow root —
 * a fetched file, because the request needs the signed-in person's token, which a plain link cannot send.
 * Used by the account's and the desk's statements and data export, and a ticket's file attachments.
 */
export async function fileOf(r: Response, fallback: string): Promise<{ blob: Blob; name: string }> {
  const name = /filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;
  return { blob: await r.blob(), name };
}

export function saveFile(root: Node, file: { blob: Blob; name: string }): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  // In the shadow root, so a host's click handlers on links never see it.
  root.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
