/**
 * The AuthStore that goes with the selected response store: accounts, sessions
 * and API tokens live where the responses live, so that with STORE=mongodb every
 * server process shares them (docs/decisions/0070-deployment-topologies.md).
 */
import type { StoreSelection } from '../store/open-response-store.ts';
import type { AuthStore } from './auth-store.ts';
import { openMongoAuthStore } from './mongodb-auth-store.ts';
import { openAuthStoreInDataDir } from './open-auth-store.ts';

export function openSelectedAuthStore(selection: StoreSelection): Promise<AuthStore> {
  return selection.store === 'sqlite' ? openAuthStoreInDataDir(selection.dataDir) : openMongoAuthStore({ uri: selection.mongodbUri });
}
