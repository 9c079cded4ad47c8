import { ComingSoon } from '../kit/ComingSoon';

export default function ApiTokensAdmin() {
  return <ComingSoon section="api-tokens" />;
}
