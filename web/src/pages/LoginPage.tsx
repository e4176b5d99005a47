import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, Field, type FormErrorState, Notice, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<FormErrorState>(null);
  const [busy, setBusy] = useState(false);
  // The account signs in with two steps: the password was right, now the app's code.
  const [needCode, setNeedCode] = useState(false);
  const registered = new URLSearchParams(location.search).has('registered');

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const code = String(f.get('code') ?? '').trim();
      await api('POST', '/api/auth/login', {
        email: f.get('email'),
        password: f.get('password'),
        ...(needCode && code ? { code } : {}),
      });
      await refresh();
      navigate('/');
    } catch (err) {
      const body = toFormError(err);
      if (body.code === 'TOTP_REQUIRED' && !needCode) {
        setNeedCode(true);
        setError(null);
        return;
      }
      setError(body);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{t('auth.login')}</h1>
      {registered && <Notice>{t('auth.registered')}</Notice>}
      <ErrorBanner error={error} />
      <form onSubmit={submit} noValidate>
        <Field
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          error={error}
          autoFocus
        />
        <Field
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={error}
        />
        {needCode && (
          <Field
            label={t('auth.code')}
            name="code"
            autoComplete="one-time-code"
            hint={t('auth.codeHint')}
            required
            error={error}
            autoFocus
          />
        )}
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('auth.login')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('auth.forgot')}</Link>
      </p>
      <p>
        {t('auth.noAccount')} <Link to="/register">{t('auth.register')}</Link>
      </p>
    </section>
  );
}

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<FormErrorState>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/auth/register', {
        email: f.get('email'),
        password: f.get('password'),
        nameZh: f.get('nameZh'),
        nameEn: f.get('nameEn'),
        locale: i18n.language === 'en' ? 'en' : 'zh-CN',
      });
      navigate('/login?registered');
    } catch (err) {
      setError(toFormError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{t('auth.register')}</h1>
      <ErrorBanner error={error} />
      <form onSubmit={submit} noValidate>
        <Field
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          error={error}
          autoFocus
        />
        <Field
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          hint={t('auth.passwordHint')}
          required
          error={error}
        />
        <Field label={t('auth.nameZh')} name="nameZh" error={error} />
        <Field label={t('auth.nameEn')} name="nameEn" error={error} />
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('auth.register')}
        </button>
      </form>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('auth.login')}</Link>
      </p>
    </section>
  );
}
