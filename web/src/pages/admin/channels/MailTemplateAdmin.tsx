import { ComingSoon } from '../kit/ComingSoon';

export default function MailTemplateAdmin() {
  return <ComingSoon section="mail-template" />;
}
