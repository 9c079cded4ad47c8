import { ComingSoon } from '../kit/ComingSoon';

export default function TicketFormsAdmin() {
  return <ComingSoon section="forms" />;
}
