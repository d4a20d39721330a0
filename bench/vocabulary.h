#pragma once

// Word lists for synthetic NLP / deep-learning posts: what Folio's users actually read. Shared by the
// post generator and the listing benchmark so both exercise the same tags and the same mix of scripts.

#include "benchcommon.h"

#include <string>
#include <vector>

namespace folio::bench {

// 40 tags, most frequent first (drawn with a Zipf-like skew, so rank 0 is by far the most common).
inline const std::vector<std::string>& tagVocabulary()
{
    static const std::vector<std::string> tags = {
        "NLP",    "Transformer", "注意力", "LLM",      "位置编码", "PyTorch",        "显存优化",  "微调",
        "预训练", "分词器",      "RLHF",   "量化",     "LoRA",     "词向量",         "CUDA",      "推理加速",
        "RAG",    "向量检索",    "BERT",   "GPT",      "多模态",   "扩散模型",       "强化学习",  "优化器",
        "学习率", "归一化",      "MoE",    "KV Cache", "长上下文", "FlashAttention", "RoPE",      "蒸馏",
        "对齐",   "评测",        "数据集", "损失函数", "梯度下降", "混合精度",       "Embedding", "论文笔记",
    };
    return tags;
}

inline const std::vector<std::string>& chineseTerms()
{
    static const std::vector<std::string> terms = {
        "位置编码",   "注意力",       "梯度",     "显存",     "分词器",   "词向量",     "自注意力", "多头注意力",
        "残差连接",   "层归一化",     "学习率",   "损失函数", "交叉熵",   "反向传播",   "激活函数", "前馈网络",
        "上下文窗口", "旋转位置编码", "量化误差", "知识蒸馏", "混合精度", "梯度累积",   "梯度裁剪", "参数量",
        "困惑度",     "采样温度",     "束搜索",   "词表",     "子词切分", "预训练语料", "指令微调", "奖励模型",
    };
    return terms;
}

inline const std::vector<std::string>& englishTerms()
{
    static const std::vector<std::string> terms = {
        "self-attention",
        "softmax",
        "batch size",
        "learning rate warmup",
        "gradient checkpointing",
        "KV cache",
        "RoPE",
        "ALiBi",
        "BPE",
        "SentencePiece",
        "AdamW",
        "LayerNorm",
        "RMSNorm",
        "FlashAttention",
        "ZeRO-3",
        "bf16",
        "fp8",
        "LoRA",
        "top-p sampling",
        "beam search",
        "tokenizer",
        "embedding",
        "perplexity",
        "MoE routing",
        "speculative decoding",
    };
    return terms;
}

// {z} a Chinese term, {e} an English term, {n} a number, {m} inline math.
inline const std::vector<std::string>& sentenceTemplates()
{
    static const std::vector<std::string> templates = {
        "{z}是理解{z}的关键，尤其是在使用 {e} 的时候。",
        "我们用 {e} 来近似{z}，代价是更多的{z}。",
        "实验表明，{z}对{z}非常敏感：把 {e} 从 {n} 调到 {n} 之后，结果差异明显。",
        "当序列长度超过 {n} 时，{z}会成为瓶颈，这时可以考虑 {e}。",
        "注意 {m} 这一项，它决定了{z}的尺度。",
        "直觉上，{z}把{z}的信息注入到每一层，而 {e} 只是其中一种实现。",
        "在 {n} 张卡上训练时，{z}几乎占满了显存，{e} 能省下大约 {n}%。",
        "很多人忽略了{z}与{z}之间的耦合，其实 {m} 已经说明了一切。",
        "In practice, {e} matters more than {e} once the model passes {n}M parameters. ",
        "复现论文时最常见的坑是{z}：{e} 的默认值并不适用于{z}。",
        "把{z}写成 {m} 的形式之后，推导就清楚多了。",
        "如果只看{z}，{e} 和 {e} 几乎没有差别；看{z}就不一样了。",
    };
    return templates;
}

inline const std::vector<std::string>& inlineMath()
{
    static const std::vector<std::string> math = {
        R"($\mathrm{softmax}(QK^\top / \sqrt{d_k})V$)",
        R"($d_{\text{model}} = 512$)",
        R"($\nabla_\theta \mathcal{L}(\theta)$)",
        R"($\eta_t = \eta_0 \cdot \min(t^{-1/2}, t \cdot w^{-3/2})$)",
        R"($O(n^2 d)$)",
        R"($\lVert W \rVert_F$)",
        R"($p(x_t \mid x_{<t})$)",
        R"($\beta_1 = 0.9, \beta_2 = 0.95$)",
        R"($\theta_i = 10000^{-2i/d}$)",
    };
    return math;
}

inline const std::vector<std::string>& displayMath()
{
    static const std::vector<std::string> blocks = {
        "$$\n\\begin{aligned}\nPE_{(pos, 2i)} &= \\sin\\left(pos / 10000^{2i/d}\\right) \\\\\n"
        "PE_{(pos, 2i+1)} &= \\cos\\left(pos / 10000^{2i/d}\\right)\n\\end{aligned}\n$$\n",
        "$$\n\\begin{aligned}\n\\mathrm{Attention}(Q, K, V) &= "
        "\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}"
        "\\right) V \\\\\n\\mathrm{head}_i &= \\mathrm{Attention}(QW_i^Q, KW_i^K, "
        "VW_i^V)\n\\end{aligned}\n$$\n",
        "$$\n\\begin{aligned}\nm_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\\\\nv_t &= \\beta_2 v_{t-1} + "
        "(1 - \\beta_2) g_t^2 \\\\\n\\theta_t &= \\theta_{t-1} - \\eta \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} "
        "+ "
        "\\epsilon}\n\\end{aligned}\n$$\n",
        "$$\n\\begin{aligned}\n\\mathcal{L} &= -\\sum_{t=1}^{T} \\log p_\\theta(x_t \\mid x_{<t}) \\\\\n"
        "\\mathrm{PPL} &= \\exp\\left(\\mathcal{L} / T\\right)\n\\end{aligned}\n$$\n",
    };
    return blocks;
}

inline const std::vector<std::string>& codeBlocks()
{
    static const std::vector<std::string> blocks = {
        "```python\nimport torch\n\ndef rope(x, theta):\n    # x: (batch, seq, heads, dim)\n"
        "    x1, x2 = x[..., ::2], x[..., 1::2]\n    cos, sin = theta.cos(), theta.sin()\n"
        "    return torch.stack((x1 * cos - x2 * sin, x1 * sin + x2 * cos), dim=-1).flatten(-2)\n```\n",
        "```python\nfrom transformers import AutoTokenizer\n\ntok = "
        "AutoTokenizer.from_pretrained(\"bert-base-chinese\")\n"
        "print(tok.tokenize(\"位置编码让模型知道词的顺序\"))\n```\n",
        "```cpp\n// 显存估算：参数 + 梯度 + Adam 状态\nsize_t bytes = params * (2 + 2 + 12);\n"
        "std::printf(\"%.1f GiB\\n\", bytes / double(1ull << 30));\n```\n",
        "```bash\ntorchrun --nproc_per_node 8 train.py --bf16 --gradient-checkpointing \\\n"
        "    --lr 3e-4 --warmup 2000 --max-seq-len 4096\n```\n",
    };
    return blocks;
}

inline const std::vector<std::string>& headings()
{
    static const std::vector<std::string> items = {
        "背景", "动机", "原理",     "推导",         "实现细节", "实验设置", "显存分析",
        "结果", "讨论", "踩坑记录", "Related work", "小结",     "参考资料", "附录",
    };
    return items;
}

inline const std::vector<std::string>& titleSuffixes()
{
    static const std::vector<std::string> items = {
        "从原理到实现", "一份读书笔记",      "为什么有效", "踩坑记录",         "再思考",
        "源码阅读",     "a practical guide", "复现笔记",   "显存与速度的权衡", "入门到放弃",
    };
    return items;
}

inline std::string number(SplitMix64& rng)
{
    static const std::vector<std::string> numbers = {"8",    "16",  "32",  "64",   "128",  "512", "2048", "4096",
                                                     "8192", "32k", "0.1", "3e-4", "1e-5", "7",   "70"};
    return rng.pick(numbers);
}

// Expands {z} {e} {n} {m} in a sentence template.
inline std::string sentence(SplitMix64& rng)
{
    const std::string& t = rng.pick(sentenceTemplates());
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '{' && i + 2 < t.size() && t[i + 2] == '}') {
            switch (t[i + 1]) {
            case 'z':
                out += rng.pick(chineseTerms());
                break;
            case 'e':
                out += rng.pick(englishTerms());
                break;
            case 'n':
                out += number(rng);
                break;
            case 'm':
                out += rng.pick(inlineMath());
                break;
            }
            i += 2;
        } else {
            out += t[i];
        }
    }
    return out;
}

} // namespace folio::bench
