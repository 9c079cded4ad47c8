import { ComingSoon } from '../kit/ComingSoon';

export default function DeletedTicketsAdmin() {
  return <ComingSoon section="deleted" />;
}
