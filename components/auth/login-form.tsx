'use client';

import { getProviders, signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';

type Providers = Awaited<ReturnType<typeof getProviders>>;

const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Wrong user name or password.',
  TooManyAttempts: 'Too many failed sign-in attempts from here. Wait 15 minutes and try again.',
  AccessDenied: 'Your account is not on the allow-list for this dashboard.',
};

/** Only same-site paths: a crafted ?callbackUrl= must not send people elsewhere after signing in. */
function safeCallback(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function LoginForm() {
  const params = useSearchParams();
  const router = useRouter();
  const callbackUrl = safeCallback(params.get('callbackUrl'));
  const [providers, setProviders] = useState<Providers>(null);
  const [error, setError] = useState<string | null>(params.get('error'));
  const [pending, setPending] = useState(false);

  useEffect(() => {
    void getProviders().then(setProviders);
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      redirect: false,
      username: String(form.get('username') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    setPending(false);
    if (result?.ok && !result.error) router.replace(callbackUrl);
    else setError(result?.error ?? 'CredentialsSignin');
  }

  const oauth = Object.values(providers ?? {}).filter((provider) => provider.type === 'oauth');
  const hasPasswords = Boolean(providers?.credentials);
  return (
    <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="mb-1 text-xl font-semibold">Sign in to Lookout</h1>
      <p className="mb-4 text-sm text-slate-500">Queue dashboard access is limited to configured users.</p>
      {error ? (
        <p role="alert" data-testid="login-error" className="mb-4 rounded bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {MESSAGES[error] ?? 'Sign-in failed.'}
        </p>
      ) : null}
      {hasPasswords ? (
        <form onSubmit={submit} className="flex flex-col gap-3">
          <label className="flex flex-col gap-1 text-sm">
            User
            <input name="username" autoComplete="username" required maxLength={200} data-testid="login-username" className="rounded border border-slate-300 px-2 py-1.5 dark:border-slate-700 dark:bg-slate-950" />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Password
            <input name="password" type="password" autoComplete="current-password" required maxLength={1000} data-testid="login-password" className="rounded border border-slate-300 px-2 py-1.5 dark:border-slate-700 dark:bg-slate-950" />
          </label>
          <button type="submit" disabled={pending} data-testid="login-submit" className="rounded bg-sky-600 px-3 py-2 text-sm font-medium text-white hover:bg-sky-700 disabled:opacity-50">
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      ) : null}
      {oauth.map((provider) => (
        <button
          key={provider.id}
          type="button"
          onClick={() => void signIn(provider.id, { callbackUrl })}
          className="mt-3 w-full rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Continue with {provider.name}
        </button>
      ))}
      {providers && !hasPasswords && oauth.length === 0 ? (
        <p className="text-sm text-slate-500">No sign-in method is configured. See the README section “Access control”.</p>
      ) : null}
    </div>
  );
}
