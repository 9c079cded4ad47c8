import { ComingSoon } from '../kit/ComingSoon';

export default function WebhooksAdmin() {
  return <ComingSoon section="webhooks" />;
}
