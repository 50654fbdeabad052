// A filled-in request form, shared by the requests test files.

export const ID = '450103199001011234';

export const application = (over: Record<string, string> = {}): Record<string, string> => ({
  applicantType: 'natural_person',
  applicantName: '张三',
  contactPerson: '',
  idType: 'resident_id',
  idNumber: ID,
  phone: '13800000000',
  email: 'zhangsan@example.cn',
  address: '南宁市青秀区民族大道1号',
  infoTitle: '2025年城区道路改造项目资金使用情况',
  infoDocNumber: '',
  infoDescription: '请公开2025年城区道路改造项目的资金预算和实际支出明细。',
  formWanted: 'electronic',
  delivery: 'email',
  ...over,
});
