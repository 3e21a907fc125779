/**
 * Account management for admins (the access policy restricts this router):
 * GET /api/users, POST /api/users, POST /api/users/:name/disable.
 * The same rules as `survey-toolkit user …` (server/auth/account-rules.ts).
 */
import express, { Router } from 'express';
import type { UserView } from '../../contracts/auth.ts';
import { AccountInputError } from '../auth/account-rules.ts';
import { NameTakenError, type AuthStore, type User } from '../auth/auth-store.ts';
import { createUser } from '../auth/create-user.ts';
import { principalOf } from '../auth/principal.ts';
import { HttpError } from '../http-error.ts';

/** A user as the API shows it (contracts/auth.ts): never the password hash. */
export function toUserView({ id, name, role, createdAt, disabledAt }: User): UserView {
  return disabledAt ? { id, name, role, createdAt, disabledAt } : { id, name, role, createdAt };
}

export function usersRouter({ authStore, now }: { authStore: AuthStore | undefined; now: () => number }): Router {
  const router = Router();
  const store = (): AuthStore => {
    if (!authStore) throw new HttpError(503, 'accounts_unavailable', 'This server has no account store');
    return authStore;
  };

  router.get('/', async (_req, res) => {
    const body: UserView[] = (await store().listUsers()).map(toUserView);
    res.json(body);
  });

  router.post('/', express.json({ limit: '8kb' }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const unknownKeys = Object.keys(body).filter((key) => !['name', 'role', 'password'].includes(key));
    if (unknownKeys.length > 0) throw new HttpError(422, 'invalid_user', `Unknown field ${JSON.stringify(unknownKeys[0])}; send {name, role, password}`);
    try {
      const user = await createUser(store(), { name: body.name, role: body.role, password: body.password });
      res.status(201).json(toUserView(user));
    } catch (error) {
      if (error instanceof AccountInputError) throw new HttpError(422, 'invalid_user', error.message);
      if (error instanceof NameTakenError) throw new HttpError(409, 'name_taken', error.message);
      throw error;
    }
  });

  router.post('/:name/disable', async (req, res) => {
    const principal = principalOf(req);
    if (principal?.kind === 'session' && principal.user.name === req.params.name) {
      throw new HttpError(409, 'cannot_disable_self', 'You cannot disable your own account; ask another admin');
    }
    const user = await store().disableUser(req.params.name, new Date(now()));
    if (!user) throw new HttpError(404, 'unknown_user', `No user ${JSON.stringify(req.params.name)}`);
    res.json(toUserView(user));
  });

  return router;
}
