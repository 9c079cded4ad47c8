import { ComingSoon } from '../kit/ComingSoon';

export default function AutomationsAdmin() {
  return <ComingSoon section="automations" />;
}
