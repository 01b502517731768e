/**
 * A provincial center's services under their long Vietnamese (and English) names, for the
 * layout tests: 20 of them, as many as a center has, with the longest names seen in Quảng Ninh.
 */
import type { ServiceSpec } from './fixtures.js';

export const PROVINCIAL_CENTER_NAME = 'Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh';

export const SERVICES: ServiceSpec[] = [
  ['A', 'Tư pháp – Hộ tịch', 'Justice – Civil status'],
  ['B', 'Đất đai', 'Land'],
  ['C', 'Xây dựng', 'Construction'],
  ['D', 'Đăng ký kinh doanh và hỗ trợ doanh nghiệp', 'Business registration and enterprise support'],
  ['E', 'Lao động – Thương binh và Xã hội', 'Labour, Invalids and Social Affairs'],
  ['G', 'Tài nguyên và Môi trường', 'Natural Resources and Environment'],
  ['H', 'Kế hoạch và Đầu tư', 'Planning and Investment'],
  ['K', 'Giao thông vận tải', 'Transport'],
  ['L', 'Công Thương', 'Industry and Trade'],
  ['M', 'Nông nghiệp và Phát triển nông thôn', 'Agriculture and Rural Development'],
  ['N', 'Y tế', 'Health'],
  ['P', 'Giáo dục và Đào tạo', 'Education and Training'],
  ['Q', 'Văn hóa, Thể thao và Du lịch', 'Culture, Sports and Tourism'],
  ['R', 'Thông tin và Truyền thông', 'Information and Communications'],
  ['S', 'Khoa học và Công nghệ', 'Science and Technology'],
  ['T', 'Nội vụ', 'Home Affairs'],
  ['TC', 'Tài chính', 'Finance'],
  ['BHX', 'Bảo hiểm xã hội', 'Social Insurance'],
  ['TH', 'Thuế', 'Taxation'],
  ['CA', 'Công an – Cấp căn cước và xuất nhập cảnh', 'Police – Identity cards and immigration'],
].map(([code, name, nameEn]) => ({ code: code!, name: name!, nameEn: nameEn! }));
