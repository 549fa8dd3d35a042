/** Sign in with the email and password of a sign-in form: the one request every page that signs in sends. */
import type { ApiClient } from '../api/api-client.ts';
import type { Session } from '@migov/server/api';

export async function signInWithForm(api: ApiClient, form: FormData): Promise<Session> {
  const { body } = await api.request<Session>('/session', {
    method: 'POST',
    body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
  });
  return body;
}
