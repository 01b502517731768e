/** The manager's actions on the live floor: counters and waiting tickets. */
import { createCatalogue, type Locale } from './catalogue.js';

const vi = {
  title: 'Thao tác điều hành',
  counters: 'Quầy và lĩnh vực',
  waiting: 'Số đang chờ',
  noWaiting: 'Không có ai đang chờ.',
  counter: 'Quầy {number}',
  open: 'Mở quầy',
  close: 'Đóng quầy',
  changeServices: 'Đổi lĩnh vực',
  servicesOf: 'Lĩnh vực của quầy {number}, theo thứ tự ưu tiên',
  moveUp: 'Lên',
  remove: 'Bỏ',
  addService: 'Thêm lĩnh vực',
  add: 'Thêm',
  save: 'Lưu',
  cancelEdit: 'Thôi',
  atLeastOne: 'Quầy cần phục vụ ít nhất một lĩnh vực.',
  cancelTicket: 'Hủy số',
  moveTicket: 'Chuyển lĩnh vực',
  moveTo: 'Chuyển {number} sang lĩnh vực',
  'col.number': 'Số',
  'col.service': 'Lĩnh vực',
  'col.waited': 'Đã chờ',
  'col.actions': 'Thao tác',
  minutes: '{m} phút',
  done: 'Đã thực hiện.',
  failed: 'Không thực hiện được: {message}',
} as const;

export type ManagerActionsKey = keyof typeof vi;

const en: Record<ManagerActionsKey, string> = {
  title: 'Floor actions',
  counters: 'Counters and services',
  waiting: 'Waiting tickets',
  noWaiting: 'Nobody is waiting.',
  counter: 'Counter {number}',
  open: 'Open counter',
  close: 'Close counter',
  changeServices: 'Change services',
  servicesOf: 'Services of counter {number}, preferred first',
  moveUp: 'Up',
  remove: 'Remove',
  addService: 'Add a service',
  add: 'Add',
  save: 'Save',
  cancelEdit: 'Cancel',
  atLeastOne: 'A counter must serve at least one service.',
  cancelTicket: 'Cancel ticket',
  moveTicket: 'Transfer',
  moveTo: 'Move {number} to service',
  'col.number': 'Ticket',
  'col.service': 'Service',
  'col.waited': 'Waited',
  'col.actions': 'Actions',
  minutes: '{m} min',
  done: 'Done.',
  failed: 'Not done: {message}',
};

export const managerActionsText = createCatalogue<ManagerActionsKey>({ vi, en } satisfies Record<
  Locale,
  Record<ManagerActionsKey, string>
>);
