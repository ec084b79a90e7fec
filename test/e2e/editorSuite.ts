import { afterAll, beforeAll } from 'vitest';
import type { PreviewServer } from 'vite';
import { openEditor, startServer, type Session } from './browser';

/**
 * The web editor for one describe block: a preview server and a page, opened before its tests (then
 * `setUp`, e.g. to fold panels) and closed after them. The returned session reads through to the page
 * once it is open.
 */
export function editorForSuite(
  setUp?: (session: Session) => Promise<void>,
  options?: Parameters<typeof openEditor>[1],
): Session {
  let server: PreviewServer | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    server = await startServer();
    session = await openEditor(server, options);
    await setUp?.(session);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  const open = (): Session => {
    if (!session) throw new Error('the editor page is not open yet');
    return session;
  };
  return {
    get browser() {
      return open().browser;
    },
    get page() {
      return open().page;
    },
    get url() {
      return open().url;
    },
    close: () => open().close(),
  };
}
