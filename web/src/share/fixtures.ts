/* Frozen share links, one or more per format version. They were produced by
   the encoder of their day and must decode forever: never edit one, add a new
   one when a format is added. */
export const FROZEN_LINKS = {
  v1: '#v1.fY_BSsNAFEV_5fHcpBAkSt2kIsTkKRFMwszE1UBokrGJTV5kOq2U0n8XbEXduD33cOAecIMhXvTcDNvWwC27tl1fdneaf9hHux6_kOZMSRWpUkJi-52xxM7uvSIR6QuJKr9_olidp7x-M43zoSizNM4TqqQSafYIwqz6jbP7Yum6meaDZgCAMhP0QIKymJKqiET0TIqE9zs1W_yr_ume1aReFbZn52nszDBM8GqnEXZXWrPGb8kat7UMp1-VLOOYpFxoPmpGHxsM5z6-Y4h2ye00oo8Ww_m1jzWGN0EQBMdP',
  v2: '#v2.fY9Ra4MwHMS_SvgPhoWwqXsoRBGcZsPBrMS4l2VI1aw6NZU07Sil371s69j2snu8-93BHWADBC46VQ_bRiJfmabpr9pAqB_vvenHT0uolOc85EWOYt3tpKbK6L2VxSx5oqxc3D7QiJ-jRfUma4NRVqRJtIhpmXOWpPeIyVW3MXqfLU07E-ogFEIIFSmjd5TRNKJxmYUsfKScMuv31Mz7F_2ze0bjapXpThlLQCuHYY1e9XpEOxf5VXC5HCfPv64CIZSA74aWZqsV-jpZ5kUU0Tz3hDoKBRhqIDcYJiAw1QYwaCBzDBUQ1_4Qhh7Is40d7GAX2y8YRiDO_HgC',
  v3: '#v3.fY_BSsNAFEV_ZXhuUhgkWN1MRYjJKBFMwkzixpFgkrGJSV7ldVIppf8u1Yq68S7PPVy4O1iDgJMO62FqLLtE1zT9aXtl8Ie9N_34iQwmuc6DvNAsom5jSaKjrZdFKn6Qqkyv72SYH6u0erW14ywrkjhMI1nqXMXJLVN22a0dbbNn184M7gwyxliRKHkjlUxCGZVZoIJ7mUvl_Z6aLf5V_-we1ahaZtSh8wy0dhhW7IVWI9vMjUED3xJZNxGyr1-lLsJQar0wuDcIHGoQZxzeQAARcCAQFxwqEHP_EA49iEef-08cRhDnHBCEo8nuPwA',
} as const;

const HELLO = (who: string) =>
  '#include <ntddk.h>\n#include <wdkm.h>\n\nNTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)\n' +
  '{\n    UNREFERENCED_PARAMETER(DriverObject);\n    UNREFERENCED_PARAMETER(RegistryPath);\n' +
  `    DbgPrint("${who}\\n");\n    return STATUS_SUCCESS;\n}\n`;

/* What each frozen link decodes to with today's decoder. */
export const FROZEN_EXPECTED = {
  v1: { source: HELLO('hello from v1'), cpus: 4, policy: 'random', seed: 42, budget: 50000, schedule: null, moment: null, manual: false },
  v2: {
    source: HELLO('hello from v2 <b>&amp;</b>'),
    cpus: 3,
    policy: 'pct',
    seed: 7,
    budget: 200000,
    schedule: [0, 1, 1, 2, 0],
    moment: 17,
    manual: false,
  },
  v3: { source: HELLO('hello from v3'), cpus: 2, policy: 'rr', seed: 5, budget: 300000, schedule: [0, 0], moment: 4, manual: true },
} as const;
