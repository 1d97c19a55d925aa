// Strings of the phone-first pass (issue #12 items 9–16): the join form, members-only refusals.
export const zh = {
  "ux.membersOnly.join": "申请入会",
  "ux.membersOnly.joinHint": "成为工会会员后即可报名此类活动。",
  "ux.join.optional": "选填",
  "ux.join.idNumberSection": "身份证号码（选填）",
  "ux.join.newEnterpriseSection": "单位不在列表中？登记新单位",
  "ux.join.migrantSection": "更多情况（选填，农民工请填写）",
  "ux.join.newEnterpriseHint": "在上方“工作单位”中选择“我的单位不在列表中”后填写。",
  "ux.join.errorSummary": "{n, plural, other {有 # 处需要修改，请查看下方标红的项目。}}",
};

export const en: Record<keyof typeof zh, string> = {
  "ux.membersOnly.join": "Apply to join the union",
  "ux.membersOnly.joinHint": "Once you are a union member you can sign up for activities like this one.",
  "ux.join.optional": "optional",
  "ux.join.idNumberSection": "ID card number (optional)",
  "ux.join.newEnterpriseSection": "Employer not in the list? Register it",
  "ux.join.migrantSection": "More about your work (optional; migrant workers please fill in)",
  "ux.join.newEnterpriseHint": "Fill this in after choosing “My employer is not listed” under Employer above.",
  "ux.join.errorSummary":
    "{n, plural, one {# answer needs changing: see the field marked in red below.} other {# answers need changing: see the fields marked in red below.}}",
};
