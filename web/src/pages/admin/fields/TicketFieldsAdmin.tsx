import { ComingSoon } from '../kit/ComingSoon';

export default function TicketFieldsAdmin() {
  return <ComingSoon section="fields" />;
}
