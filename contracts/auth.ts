/**
 * What the account API answers (server/routes/auth.ts, server/routes/users.ts),
 * typed once for the server that sends it and the login page and dashboard that read it.
 */

/** Account roles, lowest first: admin may do everything analyst may. */
export const ROLES = ['analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: a logged-in user (session cookie) or an automation token (Bearer). Never a hash. */
export interface CurrentUser {
  name: string;
  role: Role;
  via: 'session' | 'token';
}

/** GET /api/auth/me: 200 either way, `user: null` for nobody (the client then shows /login). */
export interface CurrentUserAnswer {
  user: CurrentUser | null;
}

/** POST /api/auth/login, 200: the session cookie is set, and this is who it is for. */
export interface LoginAccepted {
  user: CurrentUser;
}

/** An account as GET/POST /api/users shows it: never the password hash. */
export interface UserView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  disabledAt?: string;
}
