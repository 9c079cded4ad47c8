import { ComingSoon } from '../kit/ComingSoon';

export default function CustomersAdmin() {
  return <ComingSoon section="customers" />;
}
