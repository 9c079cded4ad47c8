import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AccountSettings } from '../api/types';

/** What the portal lets people do without an agent (set in 品牌与帮助中心); on unless the helpdesk turned it off. */
export function portalAccess(settings: AccountSettings | undefined): { anonymousRequests: boolean; signUp: boolean } {
  return { anonymousRequests: settings?.allow_anonymous_requests !== false, signUp: settings?.allow_portal_sign_up !== false };
}

/** Shown instead of the portal's anonymous request form when the helpdesk takes requests only from people who sign in. */
export function SignInToSubmit({ canSignUp }: { canSignUp: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="info"
      title={t('portal.access.signInToSubmit')}
      subTitle={t(canSignUp ? 'portal.access.signInToSubmitHelp' : 'portal.access.signInToSubmitNoSignUp')}
      extra={[
        <Button key="sign-in" type="primary" onClick={() => void navigate('/portal/signin')}>
          {t('portal.signIn')}
        </Button>,
        ...(canSignUp
          ? [
              <Button key="sign-up" onClick={() => void navigate('/portal/signup')}>
                {t('portal.signUp')}
              </Button>,
            ]
          : []),
      ]}
    />
  );
}

/** Shown on the sign-up page when the helpdesk creates customer accounts only itself. */
export function SignUpClosed() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="info"
      title={t('portal.access.signUpClosed')}
      subTitle={t('portal.access.signUpClosedHelp')}
      extra={
        <Button type="primary" onClick={() => void navigate('/portal/signin')}>
          {t('portal.signIn')}
        </Button>
      }
    />
  );
}
