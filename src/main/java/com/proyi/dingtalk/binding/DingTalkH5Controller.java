package com.proyi.dingtalk.binding;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The H5 entry page at the URL registered in DingTalk (应用首页链接 {@code /dingtalk/h5/?corpId=$CORPID$});
 * static resources have no welcome page below the root, so the folder URL forwards to index.html.
 */
@Controller
public class DingTalkH5Controller {

    @GetMapping({"/dingtalk/h5", "/dingtalk/h5/"})
    public String entryPage() {
        return "forward:/dingtalk/h5/index.html";
    }
}
