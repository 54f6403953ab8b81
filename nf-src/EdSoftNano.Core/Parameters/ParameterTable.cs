namespace EdSoftNano.Parameters
{
    /// <summary>
    /// Every parameter of spec sections 2-7, in display order (the order of #VALL and of each
    /// display command). This one table drives set, get, the displays, the flash image and the
    /// README's command reference. Stable ids are the flash image keys: append, never renumber.
    /// </summary>
    public static class ParameterTable
    {
        public const int MaxPort = 65535;
        public const int MaxTxDelay = 32760;

        // 2.1 Dialing services: #VPHY
        public static readonly ParameterDef AnswerMode = Int("ANSWERMODE", DisplayGroup.Phy, ServiceTag.Session, 0, 3, "0", 1, "2.1.1");
        public static readonly ParameterDef CallbackTimer = Int("CALLBACKTIMER", DisplayGroup.Phy, ServiceTag.Session, 2, 255, "2", 2, "2.1.2");
        public static readonly ParameterDef CallScreenNum = Text("CALLSCREENNUM", DisplayGroup.Phy, ServiceTag.Session, 64, "0", 3, "2.1.3");
        public static readonly ParameterDef DialN1 = Phone("DIALN1", 4, "2.1.8");
        public static readonly ParameterDef DialN2 = Phone("DIALN2", 5, "2.1.9");
        public static readonly ParameterDef DialSelect = Int("DIALSELECT", DisplayGroup.Phy, ServiceTag.Session, 1, 2, "1", 6, "2.1.10");
        public static readonly ParameterDef GprsMode = Int("GPRSMODE", DisplayGroup.Phy, ServiceTag.Session, 0, 1, "1", 7, "2.1.22");
        public static readonly ParameterDef PhyTimeout = Int("PHYTIMEOUT", DisplayGroup.Phy, ServiceTag.Session, 1, 255, "15", 8, "2.1.6");
        public static readonly ParameterDef RedialCount = Int("REDIALCOUNT", DisplayGroup.Phy, ServiceTag.Session, 0, 14, "5", 9, "2.1.4");
        // 2.1.5: "between 5 and 14", and 0 means "redial at once": the legal set is 0, 5..14.
        public static readonly ParameterDef RedialDelay = Choice("REDIALDELAY", DisplayGroup.Phy, ServiceTag.Session, "0,5,6,7,8,9,10,11,12,13,14", "5", 10, "2.1.5");
        public static readonly ParameterDef RingCount = Int("RINGCOUNT", DisplayGroup.Phy, ServiceTag.Session, 0, 15, "0", 11, "2.1.7");

        // 2.1 PPP: #VPPP
        public static readonly ParameterDef IspUn = Text("ISPUN", DisplayGroup.Ppp, ServiceTag.Session, 64, "", 12, "2.1.12");
        public static readonly ParameterDef IspPw = Text("ISPPW", DisplayGroup.Ppp, ServiceTag.Session, 64, "", 13, "2.1.11");
        public static readonly ParameterDef PppMode = Choice("PPPMODE", DisplayGroup.Ppp, ServiceTag.Session, "1,2,3,4,9", "1", 14, "2.1.13");
        public static readonly ParameterDef PppMyIp = Ip("PPPMYIP", DisplayGroup.Ppp, ServiceTag.Session, 15, "2.1.14");
        public static readonly ParameterDef PppPeerIp = Ip("PPPPEERIP", DisplayGroup.Ppp, ServiceTag.Session, 16, "2.1.15");
        public static readonly ParameterDef PppServUn = Text("PPPSERVUN", DisplayGroup.Ppp, ServiceTag.Session, 64, "", 17, "2.1.16");
        public static readonly ParameterDef PppServPw = Text("PPPSERVPW", DisplayGroup.Ppp, ServiceTag.Session, 64, "", 18, "2.1.17");

        // 2.1 GPRS: #VGPRS
        public static readonly ParameterDef GprsCid = Int("GPRSCID", DisplayGroup.Gprs, ServiceTag.Session, 1, 4, "1", 19, "2.1.21");
        public static readonly ParameterDef ApnPw = Text("APNPW", DisplayGroup.Gprs, ServiceTag.Session, 120, "", 20, "2.1.18");
        public static readonly ParameterDef ApnServ = Text("APNSERV", DisplayGroup.Gprs, ServiceTag.Session, 120, "", 21, "2.1.19");
        public static readonly ParameterDef ApnUn = Text("APNUN", DisplayGroup.Gprs, ServiceTag.Session, 120, "", 22, "2.1.20");

        // 3.1.17-18 DNS: #VDNS
        public static readonly ParameterDef DnsServ1 = Ip("DNSSERV1", DisplayGroup.Dns, ServiceTag.None, 23, "3.1.17");
        public static readonly ParameterDef DnsServ2 = Ip("DNSSERV2", DisplayGroup.Dns, ServiceTag.None, 24, "3.1.18");

        // 4.1 FTP: #VFTP
        public static readonly ParameterDef FtpServ = Host("FTPSERV", DisplayGroup.Ftp, ServiceTag.Ftp, 25, "4.1.3");
        public static readonly ParameterDef FtpPort = Int("FTPPORT", DisplayGroup.Ftp, ServiceTag.Ftp, 0, MaxPort, "21", 26, "4.1.1");
        public static readonly ParameterDef FtpUn = Text("FTPUN", DisplayGroup.Ftp, ServiceTag.Ftp, 64, "", 27, "4.1.4");
        public static readonly ParameterDef FtpPw = Text("FTPPW", DisplayGroup.Ftp, ServiceTag.Ftp, 64, "", 28, "4.1.5");
        public static readonly ParameterDef FtpType = new ParameterDef("FTPTYPE", ParameterKind.Letter, DisplayGroup.Ftp, ServiceTag.Ftp, 0, 1, 1, "AI", "I", 1, 29, "4.1.2");
        public static readonly ParameterDef FtpGetFileName = Text("FTPGETFILENAME", DisplayGroup.Ftp, ServiceTag.Ftp, 120, "", 30, "4.1.6");
        public static readonly ParameterDef FtpGetPath = Text("FTPGETPATH", DisplayGroup.Ftp, ServiceTag.Ftp, 120, "", 31, "4.1.7");
        public static readonly ParameterDef FtpPutFileName = Text("FTPPUTFILENAME", DisplayGroup.Ftp, ServiceTag.Ftp, 120, "", 32, "4.1.8");
        public static readonly ParameterDef FtpPutPath = Text("FTPPUTPATH", DisplayGroup.Ftp, ServiceTag.Ftp, 120, "", 33, "4.1.9");

        // 3.1 POP3: #VPOP3
        public static readonly ParameterDef Pop3HeaderMode = Int("POP3HEADERMODE", DisplayGroup.Pop3, ServiceTag.Pop3, 0, 1, "1", 34, "3.1.8");
        public static readonly ParameterDef Pop3Port = Int("POP3PORT", DisplayGroup.Pop3, ServiceTag.Pop3, 0, MaxPort, "110", 35, "3.1.9");
        public static readonly ParameterDef Pop3Pw = Text("POP3PW", DisplayGroup.Pop3, ServiceTag.Pop3, 64, "", 36, "3.1.10");
        public static readonly ParameterDef Pop3Serv = Host("POP3SERV", DisplayGroup.Pop3, ServiceTag.Pop3, 37, "3.1.11");
        public static readonly ParameterDef Pop3Un = Text("POP3UN", DisplayGroup.Pop3, ServiceTag.Pop3, 64, "", 38, "3.1.12");

        // 3.1 SMTP: #VSMTP
        public static readonly ParameterDef Domain = Text("DOMAIN", DisplayGroup.Smtp, ServiceTag.Smtp, 120, "", 39, "3.1.4");
        public static readonly ParameterDef SenderAddr = Text("SENDERADDR", DisplayGroup.Smtp, ServiceTag.Smtp, 120, "", 40, "3.1.2");
        public static readonly ParameterDef SenderName = Text("SENDERNAME", DisplayGroup.Smtp, ServiceTag.Smtp, 120, "", 41, "3.1.1");
        public static readonly ParameterDef SmtpPort = Int("SMTPPORT", DisplayGroup.Smtp, ServiceTag.Smtp, 0, MaxPort, "25", 42, "3.1.13");
        public static readonly ParameterDef SmtpPw = Text("SMTPPW", DisplayGroup.Smtp, ServiceTag.Smtp, 64, "", 43, "3.1.14");
        public static readonly ParameterDef SmtpServ = Host("SMTPSERV", DisplayGroup.Smtp, ServiceTag.Smtp, 44, "3.1.15");
        public static readonly ParameterDef SmtpUn = Text("SMTPUN", DisplayGroup.Smtp, ServiceTag.Smtp, 64, "", 45, "3.1.16");

        // 3.1.3, 3.1.5-3.1.7 mail combinations: #VMAILi; #VALL shows BODY, CCREC, REC, SUBJ.
        public static readonly ParameterDef Body1 = Body("BODY1", DisplayGroup.Mail1, 46);
        public static readonly ParameterDef CcRec1 = List("CCREC1", DisplayGroup.Mail1, 47, "3.1.3");
        public static readonly ParameterDef Rec1 = List("REC1", DisplayGroup.Mail1, 48, "3.1.5");
        public static readonly ParameterDef Subj1 = Text("SUBJ1", DisplayGroup.Mail1, ServiceTag.Smtp, 120, "", 49, "3.1.6");
        public static readonly ParameterDef Body2 = Body("BODY2", DisplayGroup.Mail2, 50);
        public static readonly ParameterDef CcRec2 = List("CCREC2", DisplayGroup.Mail2, 51, "3.1.3");
        public static readonly ParameterDef Rec2 = List("REC2", DisplayGroup.Mail2, 52, "3.1.5");
        public static readonly ParameterDef Subj2 = Text("SUBJ2", DisplayGroup.Mail2, ServiceTag.Smtp, 120, "", 53, "3.1.6");
        public static readonly ParameterDef Body3 = Body("BODY3", DisplayGroup.Mail3, 54);
        public static readonly ParameterDef CcRec3 = List("CCREC3", DisplayGroup.Mail3, 55, "3.1.3");
        public static readonly ParameterDef Rec3 = List("REC3", DisplayGroup.Mail3, 56, "3.1.5");
        public static readonly ParameterDef Subj3 = Text("SUBJ3", DisplayGroup.Mail3, ServiceTag.Smtp, 120, "", 57, "3.1.6");

        // 5.1 TCP sockets 1 and 2: #VTCP=id
        public static readonly ParameterDef DleMode = new ParameterDef("DLEMODE", ParameterKind.Integer, DisplayGroup.Tcp, ServiceTag.Tcp, 0, 1, 1, null, "1", 2, 58, "5.1.1");
        public static readonly ParameterDef TcpServ = new ParameterDef("TCPSERV", ParameterKind.HostOrIPv4, DisplayGroup.Tcp, ServiceTag.Tcp, 0, 120, 1, null, "", 2, 59, "5.1.3");
        public static readonly ParameterDef TcpPort = new ParameterDef("TCPPORT", ParameterKind.Integer, DisplayGroup.Tcp, ServiceTag.Tcp, 0, MaxPort, 1, null, "0", 2, 60, "5.1.2");
        public static readonly ParameterDef TcpTxDelay = new ParameterDef("TCPTXDELAY", ParameterKind.Integer, DisplayGroup.Tcp, ServiceTag.Tcp, 0, MaxTxDelay, 20, null, "100", 2, 61, "5.1.4");

        // 6.1 UDP: #VUDP. Port 0 is the default but cannot be set (6.1.1).
        public static readonly ParameterDef UdpServ = Host("UDPSERV", DisplayGroup.Udp, ServiceTag.Udp, 62, "6.1.2");
        public static readonly ParameterDef UdpPort = Int("UDPPORT", DisplayGroup.Udp, ServiceTag.Udp, 1, MaxPort, "0", 63, "6.1.1");
        public static readonly ParameterDef UdpTxDelay = new ParameterDef("UDPTXDELAY", ParameterKind.Integer, DisplayGroup.Udp, ServiceTag.Udp, 0, MaxTxDelay, 20, null, "100", 1, 64, "6.1.3");

        // 7.1 PING: #VPING
        public static readonly ParameterDef PingDelay = Int("PINGDELAY", DisplayGroup.Ping, ServiceTag.Ping, 1, 255, "1", 65, "7.1.1");
        public static readonly ParameterDef PingNum = Int("PINGNUM", DisplayGroup.Ping, ServiceTag.Ping, 1, 255, "4", 66, "7.1.2");
        public static readonly ParameterDef PingRemote = Host("PINGREMOTE", DisplayGroup.Ping, ServiceTag.Ping, 67, "7.1.3");

        /// <summary>All rows in display order.</summary>
        public static readonly ParameterDef[] All = new ParameterDef[]
        {
            AnswerMode, CallbackTimer, CallScreenNum, DialN1, DialN2, DialSelect, GprsMode, PhyTimeout, RedialCount, RedialDelay, RingCount,
            IspUn, IspPw, PppMode, PppMyIp, PppPeerIp, PppServUn, PppServPw,
            GprsCid, ApnPw, ApnServ, ApnUn,
            DnsServ1, DnsServ2,
            FtpServ, FtpPort, FtpUn, FtpPw, FtpType, FtpGetFileName, FtpGetPath, FtpPutFileName, FtpPutPath,
            Pop3HeaderMode, Pop3Port, Pop3Pw, Pop3Serv, Pop3Un,
            Domain, SenderAddr, SenderName, SmtpPort, SmtpPw, SmtpServ, SmtpUn,
            Body1, CcRec1, Rec1, Subj1, Body2, CcRec2, Rec2, Subj2, Body3, CcRec3, Rec3, Subj3,
            DleMode, TcpServ, TcpPort, TcpTxDelay,
            UdpServ, UdpPort, UdpTxDelay,
            PingDelay, PingNum, PingRemote,
        };

        /// <summary>Total number of value slots (per-socket parameters count twice).</summary>
        public static readonly int SlotCount = AssignSlots();

        /// <summary>Finds a row by canonical name (upper case); null when there is none.</summary>
        public static ParameterDef Find(string name)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Name == name)
                {
                    return All[i];
                }
            }

            return null;
        }

        /// <summary>Finds a row by flash image key; null when there is none.</summary>
        public static ParameterDef FindByStableId(int stableId)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].StableId == stableId)
                {
                    return All[i];
                }
            }

            return null;
        }

        private static int AssignSlots()
        {
            int slot = 0;
            for (int i = 0; i < All.Length; i++)
            {
                All[i].FirstSlot = slot;
                slot += All[i].Slots;
            }

            return slot;
        }

        private static ParameterDef Int(string name, DisplayGroup group, ServiceTag service, int min, int max, string def, byte id, string section)
            => new ParameterDef(name, ParameterKind.Integer, group, service, min, max, 1, null, def, 1, id, section);

        private static ParameterDef Choice(string name, DisplayGroup group, ServiceTag service, string choices, string def, byte id, string section)
            => new ParameterDef(name, ParameterKind.IntegerChoice, group, service, 0, 0, 1, choices, def, 1, id, section);

        private static ParameterDef Text(string name, DisplayGroup group, ServiceTag service, int maxLength, string def, byte id, string section)
            => new ParameterDef(name, ParameterKind.Text, group, service, 0, maxLength, 1, null, def, 1, id, section);

        private static ParameterDef Phone(string name, byte id, string section)
            => new ParameterDef(name, ParameterKind.Phone, DisplayGroup.Phy, ServiceTag.Session, 0, 32, 1, null, "", 1, id, section);

        private static ParameterDef Ip(string name, DisplayGroup group, ServiceTag service, byte id, string section)
            => new ParameterDef(name, ParameterKind.IPv4, group, service, 0, 15, 1, null, "0.0.0.0", 1, id, section);

        private static ParameterDef Host(string name, DisplayGroup group, ServiceTag service, byte id, string section)
            => new ParameterDef(name, ParameterKind.HostOrIPv4, group, service, 0, 120, 1, null, "", 1, id, section);

        private static ParameterDef List(string name, DisplayGroup group, byte id, string section)
            => new ParameterDef(name, ParameterKind.AddressList, group, ServiceTag.Smtp, 0, 120, 1, null, "", 1, id, section);

        private static ParameterDef Body(string name, DisplayGroup group, byte id)
            => new ParameterDef(name, ParameterKind.Body, group, ServiceTag.Smtp, 0, 120, 1, null, "", 1, id, "3.1.7");
    }
}
