import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The connection a request addresses (`?connection=name`), set once by the route wrapper (lib/http) and read by
 * getConnection()/getRedis() when they are not given a name. Everything a request starts, including work it
 * leaves running in the background, sees the same connection; code outside a request gets the default one.
 * Kept on globalThis so every route bundle shares one store.
 */
const storage: AsyncLocalStorage<string> = ((globalThis as { __lookoutConnection?: AsyncLocalStorage<string> }).__lookoutConnection ??=
  new AsyncLocalStorage<string>());

export function withConnection<T>(name: string | undefined, run: () => T): T {
  return name === undefined ? run() : storage.run(name, run);
}

export function currentConnectionName(): string | undefined {
  return storage.getStore();
}
