/**
 * The AuthStore that goes with the selected response store: accounts, sessions
 * and API tokens live where the responses live, so that with STORE=mongodb every
 * server process shares them (docs/decisions/0070-deployment-topologies.md).
 */
import type { StoreSelection } from '../store/open-response-store.ts';
import type { AuthStore } from './auth-store.ts';
import { openAuthStoreInDataDir } from './open-auth-store.ts';

export function openSelectedAuthStore(selection: StoreSelection): Promise<AuthStore> {
  // The MongoDB driver is loaded only for a server on MongoDB (open-response-store.ts says why).
  return selection.store === 'sqlite'
    ? openAuthStoreInDataDir(selection.dataDir)
    : import('./mongodb-auth-store.ts').then(({ openMongoAuthStore }) => openMongoAuthStore({ uri: selection.mongodbUri }));
}
