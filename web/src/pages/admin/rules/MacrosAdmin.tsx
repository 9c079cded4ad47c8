import { ComingSoon } from '../kit/ComingSoon';

export default function MacrosAdmin() {
  return <ComingSoon section="macros" />;
}
