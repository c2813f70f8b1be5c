/*
 * identify_vectors.h — real payloads for test_identify.c: bytes of the L4 payload (or, for
 * frames without IP, the bytes after the EtherType) taken with tshark from the captures in
 * ../shared/testdata/pcaps/ (CC BY 4.0, ITI ICS-Security-Tools), file and frame number given;
 * the TLS and HTTP ones were recorded from openssl, curl and python3 talking over loopback.
 * Text payloads are C strings, binary ones hex.
 */
#ifndef TEST_IDENTIFY_VECTORS_H
#define TEST_IDENTIFY_VECTORS_H

#include <stdbool.h>

struct id_vector {
    const char *name;
    bool text; /* data is the bytes themselves (no NUL inside), else hex */
    const char *data;
};

static const struct id_vector id_vectors[] = {
    /* ModbusTCP_ModbusTCP.pcap #2, 57184 -> 502 */
    {"modbus_req", false, "000000000006ff0408d20002"},
    /* ModbusTCP_ModbusTCP.pcap #5, 502 -> 57184 (two ADUs in one segment) */
    {"modbus_resp2", false, "000000000007ff040400000000000100000007ff0204bd4f6739"},
    /* modicon_modicon_test.pcap #19, 7718 -> 502 (Schneider function 90, MBAP length 255) */
    {"modbus_255", false,
     "0007000000ff005a000a00000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
     "2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c"
     "4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778"
     "797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4"
     "a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0"
     "d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9"},
    /* s7_S7Comm_s7comm_clean.pcap #1, 65371 -> 102 (Job, Read Var) */
    {"s7_job", false, "0300001f02f080320100003106000e00000401120a10020001000081000000"},
    /* s7_S7Comm_s7comm_clean.pcap #2, 102 -> 65371 (Ack_Data) */
    {"s7_ackdata", false, "0300001a02f0803203000031060002000500000401ff04000800"},
    /* s7_step7_s300_AuthPassword.pcapng #1, 49254 -> 102 (Userdata request) */
    {"s7_ud_req", false, "0300002102f080320700000500000800080001120411440100ff09000401320004"},
    /* s7_step7_s300_AuthPassword.pcapng #2, 102 -> 49254 (Userdata response) */
    {"s7_ud_resp", false,
     "0300005102f080320700000500000c0034000112081284010100000000ff0900300132000400280001000400"
     "0100030003000200000000565658016b420000000002000001000000000000000000000000"},
    /* ModbusTCP_mb2.pcap #271, 60674 -> 102 (empty COTP DT, then a Job) */
    {"keep_job", false,
     "0300000702f0000300002b02f080320100000003001a00000402120a1002000203e884000000120a10020002"
     "03e984000000"},
    /* ModbusTCP_mb2.pcap #9, 56928 -> 102 (empty COTP DT alone) */
    {"keepalive", false, "0300000702f000"},
    /* s7_S7-1511_db2_var1_HMI.pcap #4, 50467 -> 102 (COTP CR, TSAP SIMATIC-ROOT-HMI) */
    {"s7p_cr", false, "030000241fe00000001b00c1020620c21053494d415449432d524f4f542d484d49c0010a"},
    /* s7_S7-1511_db2_var1_HMI.pcap #5, 102 -> 50467 (COTP CC) */
    {"s7p_cc", false, "030000241fd0001b000100c0010ac1020620c21053494d415449432d524f4f542d484d49"},
    /* s7_S7-1511_db2_var1_HMI.pcap #10, 102 -> 50467 (S7comm-plus V2 response) */
    {"s7p_resp", false, "0300002002f08072020011320000054200000002340000000000000072020000"},
    /* EthernetIP_enip_test.pcap #6, 5262 -> 44818 (ListIdentity request) */
    {"enip_li_req", false, "63000000000000000000000000000000c1debed100000000"},
    /* EthernetIP_enip_test.pcap #7, 44818 -> 5262 (ListIdentity reply) */
    {"enip_li_rep", false,
     "63003300000000000000000000000000c1debed10000000001000c002d0001000002af120a0101a400000000"
     "0000000001000c003a00040330008e4d52000b313735362d454e42542f4103"},
    /* EthernetIP_cip_stop_plc.pcap #1, 49271 -> 44818 (SendUnitData, CIP request) */
    {"cip_stop", false,
     "70001c0001002a00000000000000000000000000000000000000000001000200a1000400224095ffb1000800"
     "06010702208e2401"},
    /* EthernetIP_EthernetIP-CIP.pcap #4, 44818 -> 52593 (SendUnitData, CIP response) */
    {"cip_unit_resp", false,
     "7000300000050213000000000000000000000000000000000000000000000200a10004009dc60080b1001c00"
     "33358a000000020006000e00cc00000001000000cc00000005000000"},
    /* profinet_Profinet_Failed.pcap #25, 56050 -> 102 (COTP CR, TSAP 0x0202) */
    {"cotp_cr", false, "0300001611e00000000d00c1020200c2020202c0010a"},
    /* profinet_Profinet_Failed.pcap #26, 102 -> 56050 (COTP CC) */
    {"cotp_cc", false, "0300001611d0000d000500c0010ac1020200c2020202"},
    /* profinet_PROFINET-RT-DCP_PROFINET-RT.pcap #1 (after the EtherType; Identify request by name)
     */
    {"dcp_ident_req", false,
     "fefe05000300bf9a0001000c02020007737769746368330069656d656e732c2053494d41544900000000"},
    /* profinet_PROFINET-RT-DCP_ChangeIPUsingDCP.pcap #2 (Identify response) */
    {"dcp_ident_resp", false,
     "feff0501010000010000005e0205001c00000101010202010202020302040205033d0501050205030504ffff"
     "020100050000494e43000202000b0000583230382d424f524400020300060000002a0a010204000400000100"
     "0102000e0001c0a80006ffffff00c0a80001"},
    /* profinet_PROFINET-RT-DCP_ChangeIPUsingDCP.pcap #3 (Set IP request) */
    {"dcp_set_req", false,
     "fefd040001000001000000120102000e0001c0a8000affffff00c0a80001000000000000000000000000"},
    /* profinet_PROFINET-RT-DCP_ChangeIPUsingDCP.pcap #4 (Set response) */
    {"dcp_set_resp", false,
     "fefd040101000001000000080504000301020000000000000000000000000000000000000000000000000000"
     "0000"},
    /* profinet_profinet.pcap #1, UDP 1566 -> 34964 (DCE/RPC request) */
    {"pn_rpc_req", false,
     "04000800100000000000a0de976cd111827100010003015a0100a0de976cd111827100a02442df7ddbabbaec"
     "1d005443b2500b01630abafd0000000001000000000000000500ffffffff5400000000004080000040000000"
     "4080000000000000400000000009003c0100000a000000000000000000000000000000000000000000000001"
     "0000f84000008000000000000000000000000000000000000000000000000000"},
    /* profinet_profinet.pcap #2, UDP 34964 -> 1566 (DCE/RPC response) */
    {"pn_rpc_resp", false,
     "04022800100000000000a0de976cd111827100010003015a0100a0de976cd111827100a02442df7ddbabbaec"
     "1d005443b2500b01630abafd0100000001000000000000000500ffffffffbc000000000000000000a8000000"
     "4080000000000000a80000008009003c0100000a000000000000000000000000000000000000000000000001"
     "0000f840000000680000000000000000000000000000000000000000000000000030002c0100000100000000"
     "000200000000000100020001000000010003ffff010a0001ffff814000010001ffff81400031001801000001"
     "0000000000010001ffff814000010001ffff8140003200180100000100000000000100000000000100010001"
     "00000001"},
    /* BACnet_bacnet_test.pcap #3, UDP 47808 -> 47808 (confirmed ReadProperty) */
    {"bacnet_req", false, "810a001101040005010c0c023fffff194b"},
    /* BACnet_bacnet_test.pcap #4 (complex ack) */
    {"bacnet_ack", false, "810a0017010030010c0c023fffff194b3ec4020001f43f"},
    /* BACnet_bacnet_test.pcap #21 (BVLC Read-BDT) */
    {"bacnet_rbdt", false, "81020004"},
    /* BACnet_bacnet_test.pcap #22 (BVLC Result) */
    {"bacnet_result", false, "810000060020"},
    /* IEC60870-5-104_090813_diverse.pcap #1, 2404 -> 1075 (I-format) */
    {"iec104_i", false, "681a9a0028000d02010003001405000000f041001505000000314400"},
    /* IEC60870-5-104_090813_diverse.pcap #3, 2404 -> 1075 (U-format TESTFR act) */
    {"iec104_testfr_act", false, "680443000000"},
    /* IEC60870-5-104_090813_diverse.pcap #5, 1075 -> 2404 (U-format TESTFR con) */
    {"iec104_testfr_con", false, "680483000000"},
    /* IEC60870-5-104_090813_diverse.pcap #7, 1075 -> 2404 (S-format) */
    {"iec104_s", false, "680401009c00"},
    /* dnp3_dnp3_test_data_part1.pcap #4, 20000 -> 2789 (from the outstation, DIR 0) */
    {"dnp3_unsol", false, "05640a44030004007caee6f78210004fbd"},
    /* dnp3_dnp3_test_data_part1.pcap #6, 2789 -> 20000 (from the master, DIR 1) */
    {"dnp3_master", false, "056408c404000300b4b8c0d7007ace"},
    /* IEC61850_GOOSE_Sample_File_GOOSE.pcap #1 (after the VLAN tag's EtherType) */
    {"goose", false,
     "300100e3000000006181d8801b414131433151303141314c44302f4c4c4e3024474f246763625f4181023a98"
     "8220414131433151303141314c44302f4c4c4e3024496e7465726c6f636b696e6741830d496e7465726c6f63"
     "6b696e67418408488890c1240000278503008f618601008701008801018901008a0119ab6683010083010083"
     "0100830100830100830100830100840206808403030000840206808403030000840206808403030000840206"
     "0084030300008402064084030300008402064084030300008402064084030300008402064084030300008402"
     "06408403030000"},
    /* profinet_Profinet_Failed.pcap, the first LLDP frame (after the EtherType) */
    {"lldp", false,
     "02100773636164612d70632d303630383339040907706f72742d303031060200140a0f53434144412d50432d"
     "3036303833390c2744656c6c20496e632e204f707469506c6578203939302c30312c47323258423253202b20"
     "484d490e0400800080101405010a0a0a460200000001082b0601040181c06efe08000ecf0200000000fe0a00"
     "0ecf05001018cb8c03fe0900120f0103ec0300100000"},
    /* bro_modbus_modbusSmall.pcap #125, UDP 38174 -> 53 */
    {"dns_q", false,
     "c01a010000010000000000000b766964656f736561726368067562756e747503636f6d0000010001"},
    /* bro_modbus_modbusSmall.pcap #126, UDP 53 -> 38174 (two A answers) */
    {"dns_r", false,
     "c01a818000010002000300030b766964656f736561726368067562756e747503636f6d0000010001c00c0001"
     "00010000008800045bbd5916c00c000100010000008800045bbd5986c01800020001000168840010036e7331"
     "0963616e6f6e6963616cc01fc01800020001000168840006036e7332c058c01800020001000168840006036e"
     "7333c058c070000100010001688400045bbd5f03c08200010001000168840004d10603d2c054000100010001"
     "688400045bbd5ead"},
    /* bro_modbus_modbusSmall.pcap #102, UDP 53 -> 56426 (CNAME, then A) */
    {"dns_r_cname", false,
     "981081800001000300040004046d61696c06676f6f676c6503636f6d0000010001c00c00050001000538ae00"
     "0f0a676f6f676c656d61696c016cc011c02d000100010000002300044a7def36c02d00010001000000230004"
     "4a7def35c01100020001000144210006036e7333c011c01100020001000144210006036e7332c011c0110002"
     "0001000144210006036e7334c011c01100020001000144210006036e7331c011c08c000100010001558a0004"
     "d8ef260ac068000100010001558a0004d8ef240ac07a000100010001558a0004d8ef220ac09e000100010001"
     "558a0004d8ef200a"},
    /* s7_S7Comm_wrapup.pcapng #2, UDP 5353 (probe with A/AAAA in the authority section) */
    {"mdns_probe", false,
     "00000000000300000003000008564a54492d504333095f6e692d6c6f676f73045f746370056c6f63616c0000"
     "ff800108564a54492d504333c02400ff8001c02f00ff8001c00c00210001000000780008000000000927c02f"
     "c02f00010001000000780004c0a80010c02f001c0001000000780010fe80000000000000098ade6ea5a46cfa"},
    /* s7_S7Comm_wrapup.pcapng #7, UDP 5353 (announcement) */
    {"mdns_resp", false,
     "00008400000000080000000208564a54492d504333095f6e692d6c6f676f73045f746370056c6f63616c0000"
     "21800100000078001100000000092708564a54492d504333c024c00c0010800100001194000100095f736572"
     "7669636573075f646e732d7364045f756470c024000c0001000011940002c015c015000c0001000011940002"
     "c00cc03b00018001000000780004c0a800100231360130033136380331393207696e2d616464720461727061"
     "00000c8001000000780002c03bc03b001c8001000000780010fe80000000000000098ade6ea5a46cfa014101"
     "4601430136013401410135014101450136014501440141013801390130013001300130013001300130013001"
     "300130013001300130013001380145014603697036c0ab000c8001000000780002c03bc00c002f8001000000"
     "780009c00c00050000800040c03b002f8001000000780008c03b000440000008"},
    /* s7_S7Comm_wrapup.pcapng #10, UDP 64056 -> 5355 */
    {"llmnr_q", false, "6dd30000000100000000000004777061640000010001"},
    /* s7_S7Comm_wrapup.pcapng #8, UDP 137 -> 137 (name query WPAD) */
    {"nbns_q", false,
     "8c1f011000010000000000002046484641454245454341434143414341434143414341434143414341434141"
     "410000200001"},
    /* openics_EIP-IPAddressChangeAttempt.pcap #371, UDP 137 -> 137 (positive answer) */
    {"nbns_r", false,
     "9786850000000001000000002045454543454d454a45444546454f4644454646444546464346474546464343"
     "410000200001000493e000060000c0a80a69"},
    /* openics_EIP-IPAddressChangeAttempt.pcap #2945, UDP 68 -> 67 */
    {"dhcp_discover", false,
     "01010600abcd0013000000000000000000000000000000000000000000e0626035d000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000000000000000000000006382536335010139020240370401031c06ff00000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
    /* openics_EIP-IPAddressChangeAttempt.pcap #2946, UDP 67 -> 68 */
    {"dhcp_offer", false,
     "02010600abcd00130000000000000000c0a80a83c0a80a690000000000e0626035d000000000000000000000"
     "44424c6963656e73655365727665720000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000000000000000000000638253633501020104ffffff003a04ffffffff3b04ffffffff3304ff"
     "ffffff3604c0a80a690304c0a80a010c094b6f796f444c343035ff0000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000000000000"},
    /* openics_EIP-IPAddressChangeAttempt.pcap #2947, UDP 68 -> 67 */
    {"dhcp_request", false,
     "01010600abcd0014000000000000000000000000000000000000000000e0626035d000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000000000000063825363350103390202403204c0a80a833604c0a80a69370401031c"
     "06ff000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
    /* s7_S7Comm_wrapup.pcapng #8357, UDP 546 -> 547 */
    {"dhcpv6_solicit", false,
     "0132e5320008000200000001000e000100011cb906d4b083fe8c76910003000c1874da380000000000000000"
     "0027000a0008564a54492d5043330010000e0000013700084d53465420352e30000600080018001700110027"},
    /* s7_S7Comm_wrapup.pcapng #4, UDP -> 1900 */
    {"ssdp_msearch", true,
     "M-SEARCH * HTTP/1.1\r\n"
     "Host:239.255.255.250:1900\r\n"
     "ST:urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n"
     "Man:\"ssdp:discover\"\r\n"
     "MX:3\r\n"
     "\r\n"},
    /* s7_S7Comm_wrapup.pcapng, the first NOTIFY, UDP 1900 -> 1900 */
    {"ssdp_notify", true,
     "NOTIFY * HTTP/1.1 \r\n"
     "HOST: 239.255.255.250:1900\r\n"
     "CACHE-CONTROL: max-age=3000\r\n"
     "LOCATION: http://192.168.0.253:5431/igdevicedesc.xml\r\n"
     "SERVER: UPnP/1.0 BLR-TX4S/1.0\r\n"
     "NT: upnp:rootdevice\r\n"
     "USN: uuid:f5c1d177-62e5-45d1-a6e7-c412f504c74a::upnp:rootdevice\r\n"
     "NTS: ssdp:alive\r\n"
     "\r\n"},
    /* MELSEC_melsoft_UDP_unclean_1.pcap #776, UDP 51507 -> 3702 */
    {"wsd_resolve", true,
     "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://www.w3."
     "org/2003/05/soap-envelope\" xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addres"
     "sing\" xmlns:wsd=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\"><soap:Header><w"
     "sa:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To><wsa:Action>http://schema"
     "s.xmlsoap.org/ws/2005/04/discovery/Resolve</wsa:Action><wsa:MessageID>urn:uuid:0e5d3"
     "2c4-0c91-423c-9a37-57fa66f7f54e</wsa:MessageID></soap:Header><soap:Body><wsd:Resolve"
     "><wsa:EndpointReference><wsa:Address>urn:uuid:434e4237-4a35-3731-354e-705a0fa8a977</"
     "wsa:Address></wsa:EndpointReference></wsd:Resolve></soap:Body></soap:Envelope>"},
    /* s7_S7Comm_wrapup.pcapng #51, UDP -> 3702 */
    {"wsd_hello", true,
     "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://www.w3."
     "org/2003/05/soap-envelope\" xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addres"
     "sing\" xmlns:wsd=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" xmlns:wsdp=\"ht"
     "tp://schemas.xmlsoap.org/ws/2006/02/devprof\" xmlns:pub=\"http://schemas.microsoft.c"
     "om/windows/pub/2005/07\"><soap:Header><wsa:To>urn:schemas-xmlsoap-org:ws:2005:04:dis"
     "covery</wsa:To><wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</ws"
     "a:Action><wsa:MessageID>urn:uuid:260695e4-8be1-40b0-925d-23245e80baca</wsa:MessageID"
     "><wsd:AppSequence InstanceId=\"92\" SequenceId=\"urn:uuid:c094441e-186c-4584-bb64-ee"
     "cf6717f541\" MessageNumber=\"618\"></wsd:AppSequence></soap:Header><soap:Body><wsd:H"
     "ello><wsa:EndpointReference><wsa:Address>urn:uuid:e46328c0-b2bd-402f-b28e-274fbfc92a"
     "70</wsa:Address></wsa:EndpointReference><wsd:Types>wsdp:Device pub:Computer</wsd:Typ"
     "es><wsd:XAddrs>http://192.168.0.16:5357/e46328c0-b2bd-402f-b28e-274fbfc92a70/</wsd:X"
     "Addrs><wsd:MetadataVersion>332</wsd:MetadataVersion></wsd:Hello></soap:Body></soap:E"
     "nvelope>"},
    /* s7_S7Comm_wrapup.pcapng #24, UDP -> 3702 */
    {"wsd_probe", true,
     "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://www.w3."
     "org/2003/05/soap-envelope\" xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addres"
     "sing\" xmlns:wsd=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" xmlns:wsdp=\"ht"
     "tp://schemas.xmlsoap.org/ws/2006/02/devprof\"><soap:Header><wsa:To>urn:schemas-xmlso"
     "ap-org:ws:2005:04:discovery</wsa:To><wsa:Action>http://schemas.xmlsoap.org/ws/2005/0"
     "4/discovery/Probe</wsa:Action><wsa:MessageID>urn:uuid:f4669d1b-3b95-41aa-8375-79cccd"
     "ea7e9f</wsa:MessageID></soap:Header><soap:Body><wsd:Probe><wsd:Types>wsdp:Device</ws"
     "d:Types></wsd:Probe></soap:Body></soap:Envelope>"},
    /* hart_hart_ip.pcap #70, 50322 -> 443 (an encrypted alert record) */
    {"tls_alert", false, "1503010016a1d5ce5a107ddcca9043e20841577d0f1c331f01dfa6"},
    /* openssl s_client 3.0 -servername plc01.bhs.example.jp (recorded here) */
    {"tls_client_hello", false,
     "16030101410100013d0303858ccb4070aedaac8efc4466433e4e420a6f6bf95f8536bedf307c1f8a64da0020"
     "3dc46a3d4c6a9572f4dc16f60307378d6676e42f38bd0ea07bc94982d24ae8df003e130213031301c02cc030"
     "009fcca9cca8ccaac02bc02f009ec024c028006bc023c0270067c00ac0140039c009c0130033009d009c003d"
     "003c0035002f00ff010000b6000000190017000014706c6330312e6268732e6578616d706c652e6a70000b00"
     "0403000102000a00160014001d0017001e001900180100010101020103010400230000001600000017000000"
     "0d002a0028040305030603080708080809080a080b0804080508060401050106010303030103020402050206"
     "02002b0009080304030303020301002d00020101003300260024001d0020f21c5876e66d78797866736b4e90"
     "c7ba857fb55c73baad27a787cb5aadaf8f46"},
    /* openssl s_server 3.0's answer to that hello (its first record) */
    {"tls_server_hello", false,
     "160303007a020000760303bb87f1226650d500c3d1cc4e11068e315db1dc358840e100905e326890c1b56b20"
     "3dc46a3d4c6a9572f4dc16f60307378d6676e42f38bd0ea07bc94982d24ae8df130200002e002b0002030400"
     "330024001d00205d4df7fa821e2ed4527d3bbbfe1d4b3eb47c06af122df68a40ddcc4a11b9ad0a"},
    /* curl 7.88 GET http://cam-07.cctv.example.jp:8080/onvif/device_service (recorded here) */
    {"http_get", true,
     "GET /onvif/device_service HTTP/1.1\r\n"
     "Host: cam-07.cctv.example.jp:8080\r\n"
     "User-Agent: curl/7.88.1\r\n"
     "Accept: */*\r\n"
     "\r\n"},
    /* python3 http.server's answer to HEAD / (headers) */
    {"http_resp", true,
     "HTTP/1.0 200 OK\r\n"
     "Server: SimpleHTTP/0.6 Python/3.11.7\r\n"
     "Date: Thu, 26 Nov 2026 08:16:58 GMT\r\n"
     "Content-type: text/html; charset=utf-8\r\n"
     "Content-Length: 10073\r\n"
     "\r\n"},
};

#endif
